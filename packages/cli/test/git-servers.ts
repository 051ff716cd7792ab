// Real git servers on loopback for pre-receive tests: a bare repository reached over file://, the
// same behind `git daemon --enable=receive-pack` (git://), and behind `git http-backend` run as a CGI
// program by a small node HTTP server (smart HTTP). Each pushes with a real `git push`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createConnection, createServer } from 'node:net';
import { BASE62, crc32, encodeBase } from '../../scanner/src/detect/validators/checksums.js';
import { GIT_ENV } from './git-helpers.js';

/** A fresh GitHub classic token with a valid checksum (random each call, so tests never share one). */
export function githubToken(): string {
  const bytes = randomBytes(30);
  const random = [...bytes].map((b) => BASE62[b % 62]).join('');
  return `ghp_${random}${encodeBase(crc32(Buffer.from(random, 'latin1')), BASE62, 6)}`;
}

/**
 * A server's hush.json for tests: `policy` with a time budget far above the default unless it sets
 * one, so that a machine loaded by a parallel test run never turns a verdict into "too large to judge".
 */
export function testPolicy(policy: { server?: object } & Record<string, unknown> = {}): string {
  return JSON.stringify({ ...policy, server: { timeBudgetMs: 60_000, ...policy.server } });
}

export interface PushResult {
  code: number;
  stderr: string;
}

/**
 * `git push` as a user runs it (the client's identity, no system or global config). Asynchronous:
 * the HTTP server runs in this process and must keep answering while git talks to it.
 */
export function push(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<PushResult> {
  return new Promise((resolve) => {
    const child = spawn('git', ['push', ...args], { cwd, env: { ...process.env, ...GIT_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stderr: output });
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`git daemon exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on port ${port}`);
}

export interface GitServer {
  /** The URL of the repository `name` under the server's base directory. */
  url: (name: string) => string;
  stop: () => Promise<void>;
}

/** `git daemon` serving `base` with pushes enabled, on a free loopback port. */
export async function startDaemon(base: string): Promise<GitServer> {
  const port = await freePort();
  const child = spawn(
    'git',
    ['daemon', '--reuseaddr', '--listen=127.0.0.1', `--port=${port}`, '--export-all', '--enable=receive-pack', `--base-path=${base}`, base],
    { env: { ...process.env, ...GIT_ENV }, stdio: 'ignore' },
  );
  await waitForPort(port, child);
  return {
    url: (name) => `git://127.0.0.1:${port}/${name}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/**
 * Smart HTTP: each request runs `git http-backend` as a CGI program (the request body on its stdin,
 * its `Status:` and headers turned into the response). REMOTE_USER names the pusher, as a web
 * server's authentication would (http-backend allows pushes only from an authenticated user).
 */
export async function startHttp(base: string, remoteUser = 'http-pusher'): Promise<GitServer> {
  const server: Server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const child = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        ...GIT_ENV,
        GIT_PROJECT_ROOT: base,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
        REMOTE_USER: remoteUser,
        REMOTE_ADDR: '127.0.0.1',
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (started) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      started = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    child.on('close', () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
