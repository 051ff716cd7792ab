/**
 * The only way verification talks to the network: one request to one endpoint, with a timeout,
 * through HTTPS_PROXY/HTTP_PROXY/NO_PROXY when they are set (undici's ProxyAgent). Plain
 * http:// is refused unless the host is loopback (local stand-in servers in tests).
 */
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import { checkEndpoint } from './endpoints.js';

interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export type HttpClient = ((req: HttpRequest) => Promise<HttpResponse>) & {
  /** Drops every connection (keep-alive sockets would otherwise hold the process open). */
  close?: () => Promise<void>;
};

/** A network failure (unreachable host, timeout, TLS): the finding's verification becomes `error`. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/** Longest response body read (a verification needs a status line and a small JSON). */
const MAX_BODY = 256 * 1024;

const envValue = (env: NodeJS.ProcessEnv, name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()];

/** Whether NO_PROXY (comma-separated hosts, `.suffix`, `*`, optional `:port`) exempts this URL. */
function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy.split(/[\s,]+/).some((entry) => {
    if (!entry) return false;
    if (entry === '*') return true;
    const [name, entryPort] = entry
      .toLowerCase()
      .replace(/^\*/, '')
      .split(/:(?=\d+$)/);
    if (entryPort && entryPort !== port) return false;
    const suffix = name.replace(/^\./, '');
    return host === suffix || host.endsWith(`.${suffix}`);
  });
}

/** The proxy URL for a request, from the environment as curl and most tools read it. */
function proxyFor(url: URL, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const proxy = url.protocol === 'https:' ? envValue(env, 'https_proxy') : envValue(env, 'http_proxy');
  if (!proxy || bypassesProxy(url, envValue(env, 'no_proxy'))) return undefined;
  return proxy;
}

/** `maxBody`/`userAgent`: for callers other than verification (`org inventory` reads pages of 100 repositories). */
export function httpClient(timeoutMs: number, options: { maxBody?: number; userAgent?: string } = {}): HttpClient {
  const maxBody = options.maxBody ?? MAX_BODY;
  const direct = new Agent();
  const viaProxy = new Map<string, Dispatcher>();
  const dispatcherFor = (url: URL): Dispatcher => {
    const proxy = proxyFor(url);
    if (!proxy) return direct;
    let agent = viaProxy.get(proxy);
    if (!agent) viaProxy.set(proxy, (agent = new ProxyAgent(proxy)));
    return agent;
  };
  const client: HttpClient = async (req) => {
    const problem = checkEndpoint(req.url);
    if (problem) throw new NetworkError(`endpoint ${new URL(req.url).origin} ${problem}`);
    const dispatcher = dispatcherFor(new URL(req.url));
    // undici's own timeouts do not cover a proxy that accepts the CONNECT and never answers: race a timer.
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NetworkError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([send(req, dispatcher), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
  const send = async (req: HttpRequest, dispatcher: Dispatcher): Promise<HttpResponse> => {
    try {
      const res = await request(req.url, {
        method: req.method,
        headers: { 'user-agent': options.userAgent ?? 'hush-verify', ...req.headers },
        body: req.body,
        dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
        maxRedirections: 0,
      });
      // Decoded once at the end: a character split across two chunks must not become two U+FFFD.
      const chunks: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of res.body) {
        if (bytes < maxBody) chunks.push(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      return { status: res.statusCode, headers, text };
    } catch (error) {
      const reason = (error as { code?: string; name?: string }).code ?? (error as Error).name;
      throw new NetworkError(
        reason === 'TimeoutError' || reason === 'UND_ERR_HEADERS_TIMEOUT' ? `no answer within ${timeoutMs} ms` : `unreachable (${reason})`,
      );
    }
  };
  client.close = async () => {
    await Promise.all([direct, ...viaProxy.values()].map((d) => d.destroy()));
  };
  return client;
}
