/**
 * The pre-commit scan: exactly what is staged (index blobs, not the working tree). Each staged blob
 * is scanned whole, so multi-line secrets are still recognised, but only findings touching lines that
 * are new are reported: lines its HEAD version (or rename source) does not have, nor, during a merge,
 * the other parents' versions. Reads only: the index and the working tree are never written.
 */
import { finishResult, prepareConfig, type PreparedConfig } from './pipeline.js';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import picomatch from 'picomatch';
import { ScanPool } from './pool.js';
import { DEFAULT_MAX_FILE_SIZE, ConfigError, type HushConfig } from './config.js';
import { readBlobs } from './sources/git-objects.js';
import { newLineFlags } from './staged-lines.js';
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
  /** Committed blobs this content is compared with; none: the file is new, every line counts. */
  bases: string[];
}

export async function scanStaged(options: StagedOptions): Promise<ScanResult & { rules: PreparedConfig['rules']; merging: boolean; hookConfig: NonNullable<HushConfig['hook']> }> {
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
  const mergeHeads = readMergeHeads(root);
  const entries = compareWithMergeHeads(root, stagedEntries(root, base), mergeHeads).filter((e) => !allowedPath?.(e.path));
  const poolOptions = { rules, jobs: availableParallelism(), maxFileSize, allowSecrets: config.allow?.secrets ?? [], stopwords: config.allow?.stopwords ?? [], fileTimeoutMs: config.fileTimeoutMs };
  // Staged changes are small: in-process, unless user rules need the watchdog of worker threads.
  const pool = new ScanPool(poolOptions, Boolean(config.rules?.length));
  const skipped: SkippedFile[] = [];
  const findings: Finding[] = [];
  let bytes = 0;
  let scanned = 0;
  const pathOf = new Map(entries.map((e) => [e.oid, e.path]));
  const candidates: Array<{ entry: StagedEntry; content: Buffer; findings: Finding[] }> = [];
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
        if (!outcome.findings.length) continue;
        if (entry.bases.length) candidates.push({ entry, content: Buffer.from(blob.content), findings: outcome.findings });
        else findings.push(...outcome.findings);
      }
    }
  } finally {
    await pool.close();
  }
  // Committed versions are read only for files with findings: most commits never pay for it.
  findings.push(...(await keepNewFindings(root, candidates)));
  return { ...finishResult(findings, { skipped, root, rules, scanned, bytes, started, includeSuppressed: options.includeSuppressed }), merging: mergeHeads.length > 0, hookConfig: config.hook ?? {} };
}

/**
 * Added or modified regular files in the index, with their staged blob ids and the blob each one
 * replaces (a rename's source too: a pure `git mv` adds nothing). Parsed from `--raw -z` records, so
 * no file content or name can be mistaken for diff syntax.
 */
function stagedEntries(root: string, base: string): StagedEntry[] {
  return rawChanges(root, base)
    .filter((c) => !c.status.startsWith('D') && c.newMode.startsWith('100'))
    .map((c) => ({ oid: c.newOid, path: c.path, bases: c.oldMode.startsWith('100') ? [c.oldOid] : [] }));
}

interface RawChange {
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  status: string;
  path: string;
}

/** `git diff-index --cached --raw -z -M <base>`: one record per changed path (renames: the new path). */
function rawChanges(root: string, base: string): RawChange[] {
  const raw = gitSync(root, ['diff-index', '--cached', '--raw', '-z', '-M', '--no-ext-diff', '--no-textconv', '--end-of-options', base, '--']).toString('utf8');
  const parts = raw.split('\0');
  const changes: RawChange[] = [];
  for (let i = 0; i + 1 < parts.length; ) {
    const meta = parts[i];
    if (!meta.startsWith(':')) break;
    const [oldMode, newMode, oldOid, newOid, status] = meta.slice(1).split(' ');
    // Renames and copies name two paths: source, then destination.
    const twoPaths = status.startsWith('R') || status.startsWith('C');
    const path = parts[i + (twoPaths ? 2 : 1)];
    i += twoPaths ? 3 : 2;
    changes.push({ oldMode, newMode, oldOid, newOid, status, path });
  }
  return changes;
}

/** The commits being merged in (`MERGE_HEAD`, one per line for an octopus), or none. */
function readMergeHeads(root: string): string[] {
  const file = gitSync(root, ['rev-parse', '--git-path', 'MERGE_HEAD']).toString().trim();
  let text: string;
  try {
    text = readFileSync(resolve(root, file), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((oid) => /^[0-9a-f]{40,64}$/.test(oid) && gitSync(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${oid}^{commit}`], { allowFailure: true }).length > 0);
}

/**
 * During a merge a staged file is new only where it differs from every parent: a file identical to
 * the merged branch's version adds nothing, and a changed one is compared with that version too.
 */
function compareWithMergeHeads(root: string, entries: StagedEntry[], mergeHeads: string[]): StagedEntry[] {
  let result = entries;
  for (const head of mergeHeads) {
    const changed = new Map(rawChanges(root, head).map((c) => [c.path, c]));
    result = result.flatMap((entry) => {
      const change = changed.get(entry.path);
      if (!change) return [];
      return [{ ...entry, bases: change.oldMode.startsWith('100') ? [...entry.bases, change.oldOid] : entry.bases }];
    });
  }
  return result;
}

/** Findings that touch at least one line none of the file's committed versions has. */
async function keepNewFindings(root: string, candidates: Array<{ entry: StagedEntry; content: Buffer; findings: Finding[] }>): Promise<Finding[]> {
  if (!candidates.length) return [];
  const committed = new Map<string, Buffer>();
  for await (const blob of readBlobs(root, [...new Set(candidates.flatMap((c) => c.entry.bases))])) {
    if (!('missing' in blob)) committed.set(blob.oid, Buffer.from(blob.content));
  }
  const kept: Finding[] = [];
  for (const { entry, content, findings } of candidates) {
    const bases = entry.bases.map((oid) => committed.get(oid));
    // A committed version we cannot read: count every line as new rather than miss a secret.
    if (bases.some((b) => b === undefined)) {
      kept.push(...findings);
      continue;
    }
    const isNew = newLineFlags(content, bases as Buffer[]);
    kept.push(...findings.filter((f) => touchesNewLine(f, isNew)));
  }
  return kept;
}

/** A finding counts when any of its lines is new. */
function touchesNewLine(finding: Finding, isNew: boolean[]): boolean {
  for (let line = finding.line; line <= Math.max(finding.line, finding.endLine); line++) if (isNew[line - 1] ?? true) return true;
  return false;
}
