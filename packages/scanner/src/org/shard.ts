/**
 * `org run`: one shard's repositories, one after another. Each is mirrored with the hardened git
 * gateway, audited in-process, and leaves exactly one result file (findings or the error); the clone
 * is removed. A result whose head still matches the remote's default branch is kept (resume), a
 * transient clone failure is retried with backoff, and no repository's failure stops the shard. A
 * shard stopped by SIGINT or SIGTERM (a cancelled job) removes the clone it was working in first: it
 * holds another team's code and secrets, and would otherwise stay in the work directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { auditRepository } from '../audit/audit.js';
import { stripUrlCredentials } from '../detect/redact.js';
import { printable } from '../report/printable.js';
import { renderJson } from '../report/json.js';
import { warmKeyedHashes } from '../config/secret-hash.js';
import { settle } from '../policy/post-scan.js';
import { gitTransfer } from '../sources/git-process.js';
import type { InventoryEntry, ProviderName } from './inventory.js';
import type { OrgKey } from './org-key.js';
import { newResult, readResult, writeResult, type JsonReport, type RepositoryResult } from './result.js';

export const TRANSPORTS = ['https', 'ssh', 'git', 'http', 'file'] as const;

export interface ShardOptions {
  repositories: readonly InventoryEntry[];
  out: string;
  key: OrgKey;
  transports: readonly string[];
  /** Provider tokens, sent only over https to a repository's own clone origin. */
  tokens: Partial<Record<ProviderName, string>>;
  retries: number;
  /** First backoff; doubled on each retry. */
  retryDelayMs: number;
  workDir: string;
  cloneTimeoutMs: number;
  jobs?: number;
  configFile?: string;
  /** Ask each secret's provider whether it is live (read-only; endpoints from --config's `verify`). */
  verify?: boolean;
  toolVersion: string;
  log: (line: string) => void;
}

export interface ShardSummary {
  audited: number;
  skipped: number;
  failed: number;
  findings: number;
}

/** Work directories of the clones in progress (one per shard at a time). */
const clones = new Set<string>();

/** Removes the clones in progress, then lets the signal end the process as it would have. */
function stopOn(signal: NodeJS.Signals): void {
  process.off('SIGINT', stopOn);
  process.off('SIGTERM', stopOn);
  // git may still be writing into the clone: retried while it goes away.
  for (const dir of clones) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  process.kill(process.pid, signal);
}

export async function runShard(options: ShardOptions): Promise<ShardSummary> {
  process.on('SIGINT', stopOn);
  process.on('SIGTERM', stopOn);
  try {
    return await auditShard(options);
  } finally {
    process.off('SIGINT', stopOn);
    process.off('SIGTERM', stopOn);
  }
}

async function auditShard(options: ShardOptions): Promise<ShardSummary> {
  const summary: ShardSummary = { audited: 0, skipped: 0, failed: 0, findings: 0 };
  const total = options.repositories.length;
  for (const [i, entry] of options.repositories.entries()) {
    const tag = `[${i + 1}/${total}] ${printable(entry.name)}${entry.range ? ` (${printable(entry.range)})` : ''}`;
    const previous = readResult(options.out, entry.name, entry.range);
    // A slice that ends at a commit id names fixed history: once audited, it stays audited.
    if (previous?.status === 'ok' && entry.range && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(entry.range.split(/\.\.\.?/).at(-1)!)) {
      summary.skipped++;
      options.log(`${tag}: already audited, skipped`);
      continue;
    }
    if (previous?.status === 'ok' && previous.head) {
      const head = await remoteHead(entry, options);
      if (head === previous.head) {
        summary.skipped++;
        options.log(`${tag}: up to date at ${head.slice(0, 12)}, skipped`);
        continue;
      }
    }
    const result = await auditOne(entry, options);
    writeResult(options.out, result);
    if (result.status === 'ok') {
      summary.audited++;
      summary.findings += result.report?.findings.length ?? 0;
      options.log(`${tag}: ${result.report?.findings.length ?? 0} findings (${((result.durationMs.clone + result.durationMs.audit) / 1000).toFixed(1)} s)`);
    } else {
      summary.failed++;
      options.log(`${tag}: error: ${result.error}`);
    }
  }
  return summary;
}

async function auditOne(entry: InventoryEntry, options: ShardOptions): Promise<RepositoryResult> {
  const repository = {
    name: entry.name,
    cloneUrl: stripUrlCredentials(entry.cloneUrl),
    ...(entry.defaultBranch ? { defaultBranch: entry.defaultBranch } : {}),
  };
  const slice = entry.range ? { range: entry.range } : {};
  const work = mkdtempSync(join(options.workDir, 'hush-org-'));
  clones.add(work);
  const mirror = join(work, 'mirror.git');
  const started = performance.now();
  let attempts = 0;
  try {
    let failure: string | undefined;
    for (;;) {
      attempts++;
      rmSync(mirror, { recursive: true, force: true });
      const outcome = await gitTransfer(work, ['clone', '--mirror', '--quiet', '--', entry.cloneUrl, mirror], transferOptions(entry, options));
      if (outcome.code === 0) {
        failure = undefined;
        break;
      }
      failure = gitFailure(outcome.stderr, outcome.code);
      if (!isTransient(outcome.stderr) || attempts > options.retries) break;
      const delay = options.retryDelayMs * 2 ** (attempts - 1);
      options.log(`${printable(entry.name)}: clone failed (${failure}); retrying in ${(delay / 1000).toFixed(1)} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    const cloneMs = Math.round(performance.now() - started);
    if (failure)
      return newResult({
        repository,
        ...slice,
        keyId: options.key.id,
        status: 'error',
        error: `clone failed: ${failure}`,
        attempts,
        durationMs: { clone: cloneMs, audit: 0 },
      });
    const auditStarted = performance.now();
    try {
      const report = await auditMirror(mirror, entry, options);
      return newResult({
        repository,
        ...slice,
        keyId: options.key.id,
        status: 'ok',
        ...(report.repository?.head ? { head: report.repository.head } : {}),
        attempts,
        durationMs: { clone: cloneMs, audit: Math.round(performance.now() - auditStarted) },
        report,
      });
    } catch (error) {
      return newResult({
        repository,
        ...slice,
        keyId: options.key.id,
        status: 'error',
        error: `audit failed: ${oneLine(error instanceof Error ? error.message : String(error))}`,
        attempts,
        durationMs: { clone: cloneMs, audit: Math.round(performance.now() - auditStarted) },
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    clones.delete(work);
  }
}

async function auditMirror(mirror: string, entry: InventoryEntry, options: ShardOptions): Promise<JsonReport> {
  // The org's settings only: no repository's own config or baseline (nor a range's base revision's)
  // may allow-list its secrets, so without --config the built-in defaults apply through an empty one.
  const audited = await auditRepository({
    kind: 'audit',
    repo: mirror,
    cwd: options.workDir,
    cache: false,
    jobs: options.jobs,
    configFile: options.configFile ?? emptyConfig(dirname(mirror)),
    baselineFile: false,
    verify: options.verify,
    range: entry.range,
  });
  // The same post-scan stage as every command: verification as the policy allows it.
  const { result } = await settle(audited, { stderr: (text) => options.log(text.trimEnd().replace(/^hush: /, '')) });
  await warmKeyedHashes(result.findings, options.key.hashKey);
  const text = renderJson(result, {
    rules: result.rules,
    toolVersion: options.toolVersion,
    secretHashKey: options.key.hashKey,
    remoteUrl: stripUrlCredentials(entry.cloneUrl),
    repository: { remoteUrl: entry.cloneUrl, head: result.repo.head, branch: result.repo.branch },
  });
  return JSON.parse(text) as JsonReport;
}

/** `{}` as a config file beside the mirror: the built-in defaults, named so nothing of the repository's is looked for. */
function emptyConfig(dir: string): string {
  const path = join(dir, 'defaults.json');
  writeFileSync(path, '{}\n');
  return path;
}

/** The remote's default-branch head, or undefined when it cannot be read (the repository is then audited). */
async function remoteHead(entry: InventoryEntry, options: ShardOptions): Promise<string | undefined> {
  const ref = entry.defaultBranch ? `refs/heads/${entry.defaultBranch}` : 'HEAD';
  const outcome = await gitTransfer(options.workDir, ['ls-remote', '--', entry.cloneUrl, ref], transferOptions(entry, options));
  if (outcome.code !== 0) return undefined;
  return /^([0-9a-f]{40,64})\t/m.exec(outcome.stdout)?.[1];
}

function transferOptions(entry: InventoryEntry, options: ShardOptions) {
  const token = entry.provider ? options.tokens[entry.provider] : undefined;
  let secretConfig: Record<string, string> | undefined;
  // Only over https, and only to the repository's own origin: never in the URL, argv or the mirror's config.
  if (token && entry.provider && /^https:\/\//i.test(entry.cloneUrl)) {
    const user = entry.provider === 'github' ? 'x-access-token' : entry.provider === 'gitlab' ? 'oauth2' : '';
    secretConfig = { [`http.${new URL(entry.cloneUrl).origin}/.extraHeader`]: `Authorization: Basic ${Buffer.from(`${user}:${token}`).toString('base64')}` };
  }
  return { protocols: options.transports, secretConfig, timeoutMs: options.cloneTimeoutMs };
}

/** Failures worth another try: the network or the server faltered, not the repository or the credentials. */
const PERMANENT =
  /corrupt|not found|does not appear to be a git repository|authentication failed|permission denied|could not read username|transport '[^']*' not allowed|not valid:|access denied/i;
const TRANSIENT =
  /timed out|connection (?:refused|reset|closed)|early eof|rpc failed|remote end hung up|could not resolve host|unable to access|returned error: (?:5\d\d|429)|temporarily|tls|ssl|network is unreachable/i;

function isTransient(stderr: string): boolean {
  return !PERMANENT.test(stderr) && TRANSIENT.test(stderr);
}

/** Git's own reason, one line, without credentials or control characters. */
function gitFailure(stderr: string, code: number): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => /^(?:remote: )?(?:fatal|error):/.test(l)) ?? lines.at(-1) ?? `exit ${code}`;
  return printable(stripUrlCredentials(line.replace(/^fatal:\s*/, ''))).slice(0, 300);
}

function oneLine(text: string): string {
  return printable(stripUrlCredentials(text.replace(/\s*\n\s*/g, ' ').trim())).slice(0, 300);
}
