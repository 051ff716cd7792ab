/**
 * The pre-commit scan: exactly what is staged (index blobs, not the working tree). Each staged blob
 * is scanned whole, so multi-line secrets are still recognised, but only findings touching lines that
 * are new are reported: lines its HEAD version (or rename source) does not have, nor, during a merge,
 * the other parents' versions. Reads only: the index and the working tree are never written.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Rule } from '@hush/rules';
import { ConfigError, GitError } from '../errors.js';
import { compareFindings, finishResult, scanSource } from './pipeline.js';
import type { Provenance, Source, SourceItem } from '../sources/source.js';
import { resolvePolicy, type Policy, type PolicyOptions } from '../policy/policy.js';
import { missingObject, tooLarge } from '../detect/skip-records.js';
import { readBlobs } from '../sources/git-objects.js';
import { readStagedBlobs } from '../sources/staged-blobs.js';
import { newLineFlags, touchesNewLine } from '../sources/staged-lines.js';
import { gitSync } from '../sources/git-process.js';
import type { Finding, ScanResult, SkippedFile } from '../types.js';

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface StagedOptions extends PolicyOptions {
  cwd: string;
  maxFileSize?: number;
  /** Whether findings carry SARIF's line hash (default true; the hook's message needs none). */
  lineHashes?: boolean;
}

interface StagedEntry {
  oid: string;
  path: string;
  /** Committed blobs this content is compared with; none: the file is new, every line counts. */
  bases: string[];
}

/** What the hook decides on: the findings new to this commit, and what a merge brings along. */
export interface StagedResult extends ScanResult {
  rules: Rule[];
  merging: boolean;
  /** Secrets the merged branch already committed: named, never blocking. */
  inherited: Finding[];
  policy: Policy;
}

export async function scanStaged(options: StagedOptions): Promise<StagedResult> {
  const started = performance.now();
  const { root, hasHead, mergeHeadFile } = probeWorkTree(options.cwd);
  const policy = await resolvePolicy({ ...options, kind: options.kind ?? 'staged' }, { cwd: options.cwd, roots: [root], baselineRoot: root });
  const { settings } = policy;
  const { rules } = settings;
  const base = hasHead ? 'HEAD' : EMPTY_TREE;
  const mergeHeads = readMergeHeads(root, mergeHeadFile);
  const headEntries = stagedEntries(root, base).filter((e) => !settings.allowedPath?.(e.path));
  // What is judged: content new relative to every parent. During a merge the rest of what the
  // merge brings is scanned too, only to say which committed secrets come along.
  const judged = new Map(compareWithMergeHeads(root, headEntries, mergeHeads).map((e) => [e.path, e]));
  const entries = mergeHeads.length ? headEntries : [...judged.values()];
  const judgedBlob = new Set([...judged.values()].map((e) => e.oid));
  const skipped: SkippedFile[] = [];
  const findings: Finding[] = [];
  const tally = { scanned: 0, bytes: 0 };
  const candidates: Candidate[] = [];
  for (const { provenance, outcome } of await scanSource(stagedSource(root, entries, judgedBlob, settings.maxFileSize, tally), settings)) {
    const judgedEntry = judged.get(provenance.path);
    // Notes only for what this commit is judged on, not for what a merge merely brings along.
    if (outcome.skipped && (judgedEntry || !provenance.entry)) skipped.push(outcome.skipped);
    if (!provenance.entry || !outcome.findings.length) continue;
    if (judgedEntry && !judgedEntry.bases.length) findings.push(...outcome.findings);
    else candidates.push({ judged: judgedEntry, head: provenance.entry, content: provenance.content!, findings: outcome.findings });
  }
  // Committed versions are read only for files with findings: most commits never pay for it.
  const { kept, inherited } = await sortByNewness(root, candidates);
  findings.push(...kept);
  const finished = finishResult(findings, {
    skipped,
    root,
    rules,
    scanned: tally.scanned,
    bytes: tally.bytes,
    started,
    includeSuppressed: options.includeSuppressed,
  });
  const broughtIn = inherited.filter((f) => !f.suppression).sort(compareFindings);
  return { ...finished, merging: mergeHeads.length > 0, inherited: broughtIn, policy };
}

/** A staged entry as scanned: its index entry and bytes (absent for a note about a blob not scanned). */
type StagedProvenance = Extract<Provenance, { kind: 'staged' }> & { entry?: StagedEntry; content?: Buffer };

/**
 * The staged blobs, each read once and scanned under every path it is staged at. Blobs the commit is
 * judged on and that cannot be scanned (missing, over the size cap) become notes; `tally` counts the
 * blobs and bytes scanned.
 */
function stagedSource(
  root: string,
  entries: StagedEntry[],
  judgedBlob: Set<string>,
  maxFileSize: number,
  tally: { scanned: number; bytes: number },
): Source<StagedProvenance> {
  // Grouped once: looking entries up per blob keeps the hook linear in the number of staged files.
  const entriesOf = new Map<string, StagedEntry[]>();
  for (const entry of entries) {
    const same = entriesOf.get(entry.oid);
    if (same) same.push(entry);
    else entriesOf.set(entry.oid, [entry]);
  }
  async function* items(): AsyncGenerator<SourceItem<StagedProvenance>> {
    const firstPath = new Map([...entriesOf].map(([oid, sharing]) => [oid, sharing[0].path]));
    for await (const blob of readStagedBlobs(root, firstPath, maxFileSize)) {
      const sharing = entriesOf.get(blob.oid)!;
      const provenance = { kind: 'staged' as const, path: sharing[0].path, oid: blob.oid };
      if ('missing' in blob) {
        if (judgedBlob.has(blob.oid)) yield { provenance, skipped: missingObject(provenance.path, blob.oid, 'is missing') };
        continue;
      }
      if (blob.content.length > maxFileSize) {
        if (judgedBlob.has(blob.oid)) yield { provenance, skipped: tooLarge(provenance.path, blob.content.length, maxFileSize) };
        continue;
      }
      tally.scanned++;
      tally.bytes += blob.content.length;
      for (const entry of sharing) {
        // The work item gets its own copy: a worker thread may take (detach) it.
        yield {
          provenance: { ...provenance, path: entry.path, entry, content: blob.content },
          work: { rel: entry.path, content: Buffer.from(blob.content), size: blob.content.length },
        };
      }
    }
  }
  // Staged changes are small: in-process, unless user rules need the watchdog of worker threads.
  return { items: items(), plan: 'small' };
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
  for (let i = 0; i + 1 < parts.length;) {
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
 * The work tree's root, whether HEAD names a commit yet, and where `MERGE_HEAD` would be: one git
 * process where three would each cost the hook a process start. rev-parse answers in the order asked,
 * and `--verify --quiet HEAD` prints nothing (exit 1) on an unborn branch.
 */
function probeWorkTree(cwd: string): { root: string; hasHead: boolean; mergeHeadFile: string } {
  const notAWorkTree = (error?: unknown) =>
    new ConfigError(error === undefined || error instanceof GitError ? `not inside a git work tree: ${cwd}` : (error as Error).message);
  let lines: string[];
  try {
    const out = gitSync(cwd, ['rev-parse', '--show-toplevel', '--git-path', 'MERGE_HEAD', '--verify', '--quiet', 'HEAD'], { allowFailure: true }).toString();
    lines = out.replace(/\n$/, '').split('\n');
  } catch (error) {
    throw notAWorkTree(error);
  }
  const commitId = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
  // A path with a line break in it would shift the answers: then each is asked on its own.
  if (lines.length === 2 || (lines.length === 3 && commitId.test(lines[2]))) {
    const [root, mergeHead, head] = lines;
    if (!root || !mergeHead) throw notAWorkTree();
    // --git-path answers relative to where git ran.
    return { root, hasHead: head !== undefined, mergeHeadFile: resolve(cwd, mergeHead) };
  }
  let root: string;
  try {
    root = gitSync(cwd, ['rev-parse', '--show-toplevel']).toString().replace(/\n$/, '');
  } catch (error) {
    throw notAWorkTree(error);
  }
  if (!root) throw notAWorkTree();
  const hasHead = gitSync(root, ['rev-parse', '--verify', '--quiet', 'HEAD'], { allowFailure: true }).length > 0;
  const mergeHead = gitSync(root, ['rev-parse', '--git-path', 'MERGE_HEAD']).toString().replace(/\n$/, '');
  return { root, hasHead, mergeHeadFile: resolve(root, mergeHead) };
}

/**
 * The commits being merged in: `MERGE_HEAD` (one per line for an octopus) during a conflicted merge.
 * git writes that file only after `pre-merge-commit` has run, but it names each merged commit in the
 * hook's environment as `GITHEAD_<id>=<branch>`, so a clean `git merge --no-ff` is judged the same way.
 */
function readMergeHeads(root: string, file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = Object.keys(process.env)
      .map((key) => /^GITHEAD_([0-9a-f]{40,64})$/.exec(key)?.[1])
      .filter((oid): oid is string => oid !== undefined)
      .join('\n');
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (oid) =>
        /^[0-9a-f]{40,64}$/.test(oid) &&
        gitSync(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${oid}^{commit}`], { allowFailure: true }).length > 0,
    );
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
