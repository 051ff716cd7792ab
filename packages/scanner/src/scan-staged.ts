/**
 * The pre-commit scan: exactly what is staged (index blobs, not the working tree). Each staged blob
 * is scanned whole, so multi-line secrets are still recognised, but only findings touching lines that
 * are new are reported: lines its HEAD version (or rename source) does not have, nor, during a merge,
 * the other parents' versions. Reads only: the index and the working tree are never written.
 */
import { compareFindings, finishResult, prepareConfig, type PreparedConfig } from './pipeline.js';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ScanPool } from './pool.js';
import { DEFAULT_MAX_FILE_SIZE, type HushConfig } from './config-shape.js';
import { ConfigError, GitError } from './errors.js';
import { pathGlobMatcher } from './path-globs.js';
import { readBlobs } from './sources/git-objects.js';
import { newLineFlags } from './staged-lines.js';
import { gitSync } from './sources/git-process.js';
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

export async function scanStaged(options: StagedOptions): Promise<ScanResult & { rules: PreparedConfig['rules']; merging: boolean; inherited: Finding[]; hookConfig: NonNullable<HushConfig['hook']>; verifyConfig: NonNullable<HushConfig['verify']> }> {
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
  const allowedPath = pathGlobMatcher(config.allow?.paths);
  const mergeHeads = readMergeHeads(root);
  const headEntries = stagedEntries(root, base).filter((e) => !allowedPath?.(e.path));
  // What is judged: content new relative to every parent. During a merge the rest of what the
  // merge brings is scanned too, only to say which committed secrets come along.
  const judged = new Map(compareWithMergeHeads(root, headEntries, mergeHeads).map((e) => [e.path, e]));
  const entries = mergeHeads.length ? headEntries : [...judged.values()];
  const judgedBlob = new Set([...judged.values()].map((e) => e.oid));
  const poolOptions = { rules, jobs: availableParallelism(), maxFileSize, allowSecrets: config.allow?.secrets ?? [], stopwords: config.allow?.stopwords ?? [], fileTimeoutMs: config.fileTimeoutMs };
  // Staged changes are small: in-process, unless user rules need the watchdog of worker threads.
  const pool = new ScanPool(poolOptions, Boolean(config.rules?.length));
  const skipped: SkippedFile[] = [];
  const findings: Finding[] = [];
  let bytes = 0;
  let scanned = 0;
  const pathOf = new Map(entries.map((e) => [e.oid, e.path]));
  const candidates: Candidate[] = [];
  try {
    for await (const blob of readBlobs(root, [...new Set(entries.map((e) => e.oid))])) {
      const path = pathOf.get(blob.oid)!;
      if ('missing' in blob) {
        if (judgedBlob.has(blob.oid)) skipped.push({ path, reason: 'unreadable', detail: `object ${blob.oid} is missing` });
        continue;
      }
      if (blob.content.length > maxFileSize) {
        if (judgedBlob.has(blob.oid)) skipped.push({ path, reason: 'too-large', detail: `${blob.content.length} bytes > limit ${maxFileSize}` });
        continue;
      }
      scanned++;
      bytes += blob.content.length;
      for (const entry of entries.filter((e) => e.oid === blob.oid)) {
        const outcome = await pool.scan({ rel: entry.path, content: Buffer.from(blob.content), size: blob.content.length });
        const judgedEntry = judged.get(entry.path);
        if (outcome.skipped && judgedEntry) skipped.push(outcome.skipped);
        if (!outcome.findings.length) continue;
        if (judgedEntry && !judgedEntry.bases.length) findings.push(...outcome.findings);
        else candidates.push({ judged: judgedEntry, head: entry, content: Buffer.from(blob.content), findings: outcome.findings });
      }
    }
  } finally {
    await pool.close();
  }
  // Committed versions are read only for files with findings: most commits never pay for it.
  const { kept, inherited } = await sortByNewness(root, candidates);
  findings.push(...kept);
  const finished = finishResult(findings, { skipped, root, rules, scanned, bytes, started, includeSuppressed: options.includeSuppressed });
  const broughtIn = inherited.filter((f) => !f.suppression).sort(compareFindings);
  return { ...finished, merging: mergeHeads.length > 0, inherited: broughtIn, hookConfig: config.hook ?? {}, verifyConfig: config.verify ?? {} };
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

/**
 * The commits being merged in: `MERGE_HEAD` (one per line for an octopus) during a conflicted merge.
 * git writes that file only after `pre-merge-commit` has run, but it names each merged commit in the
 * hook's environment as `GITHEAD_<id>=<branch>`, so a clean `git merge --no-ff` is judged the same way.
 */
function readMergeHeads(root: string): string[] {
  const file = gitSync(root, ['rev-parse', '--git-path', 'MERGE_HEAD']).toString().trim();
  let text: string;
  try {
    text = readFileSync(resolve(root, file), 'utf8');
  } catch {
    text = Object.keys(process.env)
      .map((key) => /^GITHEAD_([0-9a-f]{40,64})$/.exec(key)?.[1])
      .filter((oid): oid is string => oid !== undefined)
      .join('\n');
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

interface Candidate {
  /** The entry as judged (compared with every parent); absent: identical to a merged branch's version. */
  judged?: StagedEntry;
  /** The same path compared with HEAD only. */
  head: StagedEntry;
  content: Buffer;
  findings: Finding[];
}

/**
 * kept: findings touching a line no committed version of the file has. inherited (merges only):
 * findings new to HEAD but already committed on the merged branch; they are reported, never blocking.
 */
async function sortByNewness(root: string, candidates: Candidate[]): Promise<{ kept: Finding[]; inherited: Finding[] }> {
  const kept: Finding[] = [];
  const inherited: Finding[] = [];
  if (!candidates.length) return { kept, inherited };
  const committed = new Map<string, Buffer>();
  const wanted = new Set(candidates.flatMap((c) => [...(c.judged?.bases ?? []), ...c.head.bases]));
  for await (const blob of readBlobs(root, [...wanted])) {
    if (!('missing' in blob)) committed.set(blob.oid, Buffer.from(blob.content));
  }
  // A committed version we cannot read: every line counts as new rather than miss a secret.
  const flags = (content: Buffer, bases: string[]) => {
    const versions = bases.map((oid) => committed.get(oid));
    return versions.some((v) => v === undefined) ? undefined : newLineFlags(content, versions as Buffer[]);
  };
  for (const { judged, head, content, findings } of candidates) {
    // No judged entry: the file is the merged branch's version, nothing in it is new.
    const newToAll = judged ? flags(content, judged.bases) : null;
    const newToHead = head.bases.length ? flags(content, head.bases) : undefined;
    for (const f of findings) {
      if (newToAll !== null && touchesNewLine(f, newToAll)) kept.push(f);
      else if (touchesNewLine(f, newToHead)) inherited.push(f);
    }
  }
  return { kept, inherited };
}

/** A finding counts when any of its lines is new (`undefined`: every line is). */
function touchesNewLine(finding: Finding, isNew: boolean[] | undefined): boolean {
  if (!isNew) return true;
  for (let line = finding.line; line <= Math.max(finding.line, finding.endLine); line++) if (isNew[line - 1] ?? true) return true;
  return false;
}
