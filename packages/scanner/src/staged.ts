/**
 * The pre-commit scan: exactly what is staged (index blobs, not the working tree). Each staged blob
 * is scanned whole, so multi-line secrets are still recognised, but only findings touching added or
 * changed lines are reported. Reads only: the index and the working tree are never written.
 */
import { finishResult, prepareConfig, type PreparedConfig } from './pipeline.js';
import { availableParallelism } from 'node:os';
import picomatch from 'picomatch';
import { ScanPool } from './pool.js';
import { DEFAULT_MAX_FILE_SIZE, ConfigError } from './config.js';
import { readBlobs } from './sources/git-objects.js';
import { unquote } from './sources/git-history.js';
import { gitSync, GitError } from './sources/git-process.js';
import type { Finding, ScanResult, SkippedFile } from './types.js';

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface StagedOptions {
  cwd: string;
  configFile?: string;
  maxFileSize?: number;
  includeSuppressed?: boolean;
}

interface StagedEntry {
  oid: string;
  path: string;
}

export async function scanStaged(options: StagedOptions): Promise<ScanResult & { rules: PreparedConfig['rules'] }> {
  const started = performance.now();
  let root: string;
  try {
    root = gitSync(options.cwd, ['rev-parse', '--show-toplevel']).toString().trim();
  } catch (error) {
    throw new ConfigError(error instanceof GitError ? `not inside a git work tree: ${options.cwd}` : String(error));
  }
  const { config, rules } = await prepareConfig(options.configFile, [root]);
  const maxFileSize = options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const hasHead = gitSync(root, ['rev-parse', '--verify', '--quiet', 'HEAD'], { allowFailure: true }).length > 0;
  const base = hasHead ? 'HEAD' : EMPTY_TREE;
  const allowedPath = config.allow?.paths?.length ? picomatch(config.allow.paths, { dot: true }) : undefined;
  const entries = stagedEntries(root, base).filter((e) => !allowedPath?.(e.path));
  const added = addedLines(root, base);
  const poolOptions = { rules, jobs: availableParallelism(), maxFileSize, allowSecrets: config.allow?.secrets ?? [], stopwords: config.allow?.stopwords ?? [], fileTimeoutMs: config.fileTimeoutMs };
  // Staged changes are small: in-process, unless user rules need the watchdog of worker threads.
  const pool = new ScanPool(poolOptions, Boolean(config.rules?.length));
  const skipped: SkippedFile[] = [];
  const findings: Finding[] = [];
  let bytes = 0;
  let scanned = 0;
  const pathOf = new Map(entries.map((e) => [e.oid, e.path]));
  try {
    for await (const blob of readBlobs(root, [...new Set(entries.map((e) => e.oid))])) {
      const path = pathOf.get(blob.oid)!;
      if ('missing' in blob) {
        skipped.push({ path, reason: 'unreadable', detail: `object ${blob.oid} is missing` });
        continue;
      }
      if (blob.content.length > maxFileSize) {
        skipped.push({ path, reason: 'too-large', detail: `${blob.content.length} bytes > limit ${maxFileSize}` });
        continue;
      }
      scanned++;
      bytes += blob.content.length;
      for (const entry of entries.filter((e) => e.oid === blob.oid)) {
        const outcome = await pool.scan({ rel: entry.path, content: Buffer.from(blob.content), size: blob.content.length });
        if (outcome.skipped) skipped.push(outcome.skipped);
        const lines = added.get(entry.path);
        findings.push(...outcome.findings.filter((f) => touches(f, lines)));
      }
    }
  } finally {
    await pool.close();
  }
  return finishResult(findings, { skipped, root, rules, scanned, bytes, started, includeSuppressed: options.includeSuppressed });
}

/** Added or modified regular files in the index, with their staged blob ids. */
function stagedEntries(root: string, base: string): StagedEntry[] {
  const raw = gitSync(root, ['diff-index', '--cached', '--raw', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', '--end-of-options', base, '--']).toString('utf8');
  const parts = raw.split('\0');
  const entries: StagedEntry[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i];
    if (!meta.startsWith(':')) break;
    const [, newMode, , newOid, status] = meta.slice(1).split(' ');
    if (status.startsWith('D') || !newMode.startsWith('100')) continue;
    entries.push({ oid: newOid, path: parts[i + 1] });
  }
  return entries;
}

/** Per path, the 1-based line ranges the index adds or changes relative to `base`. */
function addedLines(root: string, base: string): Map<string, Array<[number, number]>> {
  const patch = gitSync(root, ['diff-index', '--cached', '-p', '-U0', '--no-color', '--no-renames', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '--end-of-options', base, '--']).toString('utf8');
  const ranges = new Map<string, Array<[number, number]>>();
  let current: Array<[number, number]> | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = unquote(line.slice(4));
      current = target === '/dev/null' ? undefined : [];
      if (current) ranges.set(target.replace(/^"?b\//, '').replace(/^b\//, ''), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  return ranges;
}

/** A finding counts when any of its lines is added or changed; binary or unparsed diffs count whole. */
function touches(finding: Finding, ranges: Array<[number, number]> | undefined): boolean {
  if (!ranges) return true;
  return ranges.some(([from, to]) => finding.line <= to && finding.endLine >= from);
}
