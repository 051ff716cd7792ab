/**
 * Opt-in verification (`--verify`): each finding a provider can check gets one read-only request to
 * that provider's own endpoint; the answer becomes `finding.verification`. One request per distinct
 * secret per run (keyed in memory), a concurrency limit, a timeout, and the hosts announced once
 * before the first request. A network failure marks the finding `error`; the scan result is complete
 * either way. The secret goes only to its provider's endpoint and never into a log line.
 */
import type { Finding, Verification } from '../types.js';
import { httpClient, NetworkError, type HttpClient } from './http.js';
import { providerFor, verificationKey, type Outcome, type Provider } from './providers.js';

export interface VerifyOptions {
  /** Per provider id (`entra`, `github`, `aws`, …): the base URL that replaces the default. */
  endpoints?: Record<string, string>;
  timeoutMs?: number;
  concurrency?: number;
  /** Told the hosts once, before any request (the CLI prints it to stderr). */
  announce?: (hosts: string[]) => void;
  /** Told once per provider whose endpoint could not be reached. */
  warn?: (line: string) => void;
  /** For tests: the HTTP client. */
  http?: HttpClient;
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_CONCURRENCY = 4;

interface Job {
  provider: Provider;
  endpoint: string;
  finding: Finding;
}

export async function verifyFindings(findings: readonly Finding[], options: VerifyOptions = {}): Promise<Finding[]> {
  const jobs = new Map<string, Job>();
  const keyOf = new Map<Finding, string>();
  for (const finding of findings) {
    if (finding.suppression) continue;
    const provider = providerFor(finding);
    if (!provider) continue;
    const configured = options.endpoints?.[provider.id];
    const endpoint = provider.endpoint ? provider.endpoint(finding, configured) : (configured ?? provider.defaultEndpoint).replace(/\/+$/, '');
    const key = `${provider.id}\0${endpoint}\0${verificationKey(finding)}`;
    keyOf.set(finding, key);
    if (!jobs.has(key)) jobs.set(key, { provider, endpoint, finding });
  }
  if (!jobs.size) return [...findings];
  options.announce?.([...new Set([...jobs.values()].map((j) => new URL(j.endpoint).host))].sort());

  const http = options.http ?? httpClient(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const now = options.now ?? (() => new Date());
  const results = new Map<string, Verification>();
  const unreachable = new Set<string>();
  const queue = [...jobs.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, job] = next;
      let outcome: Outcome;
      try {
        outcome = await job.provider.check(job.finding, job.endpoint, http);
      } catch (error) {
        const detail = error instanceof NetworkError ? error.message : 'the check failed';
        outcome = { status: 'error', detail: `${new URL(job.endpoint).host}: ${detail}` };
        if (!unreachable.has(job.provider.id)) {
          unreachable.add(job.provider.id);
          options.warn?.(`verify: ${job.provider.id} (${new URL(job.endpoint).host}) ${detail}; its findings are marked "error"`);
        }
      }
      results.set(key, { ...outcome, checkedAt: now().toISOString() });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, jobs.size)) }, worker));
  } finally {
    await http.close?.();
  }
  return findings.map((f) => {
    const key = keyOf.get(f);
    const verification = key ? results.get(key) : undefined;
    return verification ? { ...f, verification } : f;
  });
}
