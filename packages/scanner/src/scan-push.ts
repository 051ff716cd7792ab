/**
 * The pre-receive scan: what a push adds, judged as the pre-commit hook judges a commit. The
 * git-range source gives the files each new commit changes and their parents' versions; each
 * (blob, path) is scanned once, and a finding counts only where it touches a line no parent version
 * has (staged-lines.ts). A secret that already sits on the default branch is named, never blocking,
 * so that a merge or a rebase of old history passes. A change to `.hush.json` or the baseline is a
 * finding of its own, as in a range audit: the push's own config is never read. Stops at a deadline
 * and says so (`complete`), so the caller can keep within the server's time limit.
 */
import type { Rule } from '@hush/rules';
import type { ServerPolicy } from './config/server-policy.js';
import { CONFIG_CHANGE_RULE, SELF_JUDGING_FILES, configChangeFinding } from './config/trusted-config.js';
import { historyFingerprint } from './detect/fingerprint.js';
import { compareFindings, finishResult, scanSource, type Source, type SourceItem } from './scan.js';
import { resolvePolicy, type Policy } from './policy/policy.js';
import { missingObject, tooLarge } from './skip-records.js';
import { presentObjects, readBlobs } from './sources/git-objects.js';
import { gitSync } from './sources/git-process.js';
import { equivalentCommits, walkAddedCommits, type AddedFile } from './sources/git-range.js';
import { newLineFlags, touchesNewLine } from './staged-lines.js';
import { ConfigError, GitError } from './errors.js';
import type { Finding, ScanResult, SkippedFile } from './types.js';

/** One ref a push updates (`<old> <new> <ref>` on a pre-receive hook's stdin). */
export interface RefUpdate {
  ref: string;
  oldOid: string;
  newOid: string;
}

export interface PushScanOptions {
  /** The repository receiving the push (its git directory). */
  repo: string;
  updates: RefUpdate[];
  /** The server's policy: the run's whole configuration (origin "server"). */
  server: ServerPolicy;
  /** `performance.now()` value at which to stop looking and report `complete: false`. */
  deadline?: number;
  env?: NodeJS.ProcessEnv;
}

export interface PushScanResult extends ScanResult {
  rules: Rule[];
  policy: Policy;
  /** Secrets the push adds that the default branch already has: named in a note, never blocking. */
  inherited: Finding[];
  /** The default branch the notes refer to (`refs/heads/main`), when it exists. */
  defaultBranch?: string;
  /** For each commit a finding names, a pushed ref that reaches it. */
  refOf: Map<string, string>;
  /** New commits looked at. */
  commits: number;
  /** False when the deadline stopped the scan: what was not judged is unknown. */
  complete: boolean;
}

/** A blob under one path: what is scanned, once, however many commits add it there. */
interface Unit {
  oid: string;
  path: string;
  /** Every commit that adds this blob at this path, with its parents' versions. */
  added: AddedFile[];
}

const isZero = (oid: string) => /^0+$/.test(oid);

export async function scanPush(options: PushScanOptions): Promise<PushScanResult> {
  const started = performance.now();
  const deadline = options.deadline ?? Infinity;
  const { repo } = options;
  if (!gitSync(repo, ['rev-parse', '--git-dir'], { allowFailure: true }).length)
    throw new ConfigError(`not a git repository: ${repo} (hush pre-receive runs as a repository's pre-receive hook)`);
  const { server } = options;
  const policy = await resolvePolicy(
    { kind: 'server', server: { config: server.config, label: server.source ?? 'built-in defaults', baseline: server.baseline }, env: options.env },
    { cwd: repo, roots: [], baselineRoot: repo },
  );
  const { settings } = policy;
  const { rules, maxFileSize } = settings;
  const tips = [...new Set(options.updates.filter((u) => !isZero(u.newOid)).map((u) => u.newOid))].filter((oid) => pushedCommit(repo, oid));
  const defaultBranch = gitSync(repo, ['symbolic-ref', '--quiet', 'HEAD'], { allowFailure: true }).toString().trim() || undefined;
  const defaultTip = defaultBranch && resolveCommitOf(repo, defaultBranch);
  const walk = await walkAddedCommits(repo, tips, deadline, rewrittenCommits(repo, options.updates, defaultTip));
  let complete = walk.complete;

  const configChanges = new Map<string, Finding>();
  const units = new Map<string, Unit>();
  for (const file of walk.files) {
    if (SELF_JUDGING_FILES.includes(file.path) && !configChanges.has(file.path))
      configChanges.set(file.path, { ...configChangeFinding(file.path, { base: undefined, head: file.commit.sha }), commit: file.commit });
    if (settings.allowedPath?.(file.path)) continue;
    const key = `${file.oid}\0${file.path}`;
    const unit = units.get(key);
    if (unit) unit.added.push(file);
    else units.set(key, { oid: file.oid, path: file.path, added: [file] });
  }

  // Sizes first: oversized blobs are noted and never read.
  const sizes = await presentObjects(repo, [...new Set([...units.values()].map((u) => u.oid))]);
  const skipped: SkippedFile[] = [];
  const toScan: Unit[] = [];
  for (const unit of units.values()) {
    const size = sizes.get(unit.oid)?.size;
    if (size === undefined) skipped.push(missingObject(unit.path, unit.oid));
    else if (size > maxFileSize) skipped.push(tooLarge(unit.path, size, maxFileSize, unit.oid));
    else toScan.push(unit);
  }
  const bytes = toScan.reduce((sum, u) => sum + sizes.get(u.oid)!.size, 0);
  const stop = { reached: false };
  const scanned: Array<{ unit: Unit; content: Buffer; findings: Finding[] }> = [];
  let scannedBytes = 0;
  for (const { provenance, outcome } of await scanSource(pushedSource(repo, toScan, { items: toScan.length, bytes }, deadline, stop), settings)) {
    if (outcome.skipped) skipped.push(outcome.skipped);
    scannedBytes += outcome.bytes;
    if (outcome.findings.length) scanned.push({ unit: provenance.unit, content: provenance.content, findings: outcome.findings });
  }
  if (stop.reached) complete = false;

  const added = await newFindings(repo, scanned);
  const { kept, inherited } = await sortByDefaultBranch(repo, added, defaultTip);
  const all = [...kept, ...configChanges.values()];
  const finished = finishResult(all, { skipped, root: repo, rules, scanned: toScan.length, bytes: scannedBytes, started });
  const findings = finished.findings;
  const refOf = refsReaching(
    repo,
    [...findings, ...inherited].map((f) => f.commit!.sha),
    options.updates,
  );
  return {
    ...finished,
    findings,
    policy,
    rules: configChanges.size ? [...rules, CONFIG_CHANGE_RULE] : rules,
    inherited: inherited.filter((f) => !f.suppression).sort(compareFindings),
    defaultBranch,
    refOf,
    commits: walk.commits,
    complete,
    stats: { ...finished.stats, commitsScanned: walk.commits },
  };
}

interface PushedProvenance {
  unit: Unit;
  content: Buffer;
}

/** Each unit's blob, read once; yields stop at the deadline (`stop.reached`). */
function pushedSource(
  repo: string,
  units: Unit[],
  size: { items: number; bytes: number },
  deadline: number,
  stop: { reached: boolean },
): Source<PushedProvenance> {
  const byOid = new Map<string, Unit[]>();
  for (const unit of units) byOid.set(unit.oid, [...(byOid.get(unit.oid) ?? []), unit]);
  async function* items(): AsyncGenerator<SourceItem<PushedProvenance>> {
    for await (const blob of readBlobs(repo, [...byOid.keys()])) {
      if (performance.now() > deadline) {
        stop.reached = true;
        return;
      }
      const blobUnits = byOid.get(blob.oid) ?? [];
      for (const unit of blobUnits) {
        if ('missing' in blob) yield { provenance: { unit, content: Buffer.alloc(0) }, skipped: missingObject(unit.path, unit.oid) };
        // Not transferred: a worker gets a copy, and the newness check reads these same bytes.
        else
          yield {
            provenance: { unit, content: blob.content },
            work: { rel: unit.path, content: blob.content, size: blob.content.length, contentId: blob.oid },
          };
      }
    }
  }
  return { items: items(), plan: size };
}

/**
 * Findings that touch a line new to at least one commit that adds the blob there (compared with
 * every parent's version), placed at the first such commit. A parent version that cannot be read
 * makes every line count as new, rather than miss a secret.
 */
async function newFindings(repo: string, scanned: Array<{ unit: Unit; content: Buffer; findings: Finding[] }>): Promise<Finding[]> {
  const committed = new Map<string, Buffer>();
  const wanted = new Set(scanned.flatMap(({ unit }) => unit.added.flatMap((a) => a.bases)));
  for await (const blob of readBlobs(repo, [...wanted])) if (!('missing' in blob)) committed.set(blob.oid, Buffer.from(blob.content));
  const result: Finding[] = [];
  for (const { unit, content, findings } of scanned) {
    const flags = unit.added.map((a) => {
      const versions = a.bases.map((oid) => committed.get(oid));
      return versions.some((v) => v === undefined) || !versions.length ? undefined : newLineFlags(content, versions as Buffer[]);
    });
    for (const f of findings) {
      const at = unit.added.findIndex((_, i) => touchesNewLine(f, flags[i]));
      if (at < 0) continue;
      const commit = unit.added[at].commit;
      result.push({ ...f, path: unit.path, commit, fingerprint: historyFingerprint(commit.sha, unit.path, f.ruleId, f.line, f.column) });
    }
  }
  return result;
}

/**
 * Splits findings into those the default branch does not have (kept) and those whose secret it
 * already holds (inherited). The secrets go to `git grep` on stdin (never as arguments, which other
 * users of the server could read); each file it names is then checked for the whole secret. (`tip`
 * is a commit id: git grep takes no --end-of-options.)
 */
async function sortByDefaultBranch(repo: string, findings: Finding[], tip: string | undefined): Promise<{ kept: Finding[]; inherited: Finding[] }> {
  const probes = findings.map((f) => probeLine(f.rawSecret));
  if (!tip || !probes.some(Boolean)) return { kept: findings, inherited: [] };
  const patterns = [...new Set(probes.filter((p): p is string => p !== undefined))];
  const listed = gitSync(repo, ['grep', '-z', '-l', '-F', '--no-color', '-f', '-', tip, '--'], {
    input: `${patterns.join('\n')}\n`,
    allowFailure: true,
  })
    .toString('utf8')
    .split('\0')
    .filter((name) => name.startsWith(`${tip}:`) && !name.includes('\n'));
  const there = new Set<string>();
  const secrets = [...new Set(findings.map((f) => f.rawSecret).filter((s, i) => probes[i] !== undefined))];
  for await (const blob of readBlobs(repo, listed)) {
    if ('missing' in blob) continue;
    for (const secret of secrets)
      if (blob.content.includes(Buffer.from(secret, 'utf8')) || blob.content.includes(Buffer.from(secret, 'latin1'))) there.add(secret);
  }
  return { kept: findings.filter((f) => !there.has(f.rawSecret)), inherited: findings.filter((f) => there.has(f.rawSecret)) };
}

/** The longest line of a secret, as a grep pattern; too short to be telling: none. */
function probeLine(secret: string): string | undefined {
  const longest = secret.split(/\r\n|\n|\r/).reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest.length >= 8 ? longest : undefined;
}

function resolveCommitOf(repo: string, rev: string): string | undefined {
  const sha = gitSync(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { allowFailure: true })
    .toString()
    .trim();
  return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha) ? sha : undefined;
}

/**
 * Whether a pushed id names a commit (or a tag of one); a tag of a tree or blob adds no commit. An
 * id git cannot find at all is an error, never a pass: the push's objects must be visible (they are
 * in quarantine: see admitPushQuarantine).
 */
function pushedCommit(repo: string, oid: string): boolean {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(oid)) throw new GitError(`not an object id: ${oid}`);
  if (!gitSync(repo, ['cat-file', '-t', oid], { allowFailure: true }).toString().trim())
    throw new GitError(`the pushed object ${oid} is not in this repository (run hush pre-receive only as git's pre-receive hook)`);
  return isCommit(repo, oid);
}

/** A pushed id that names a commit (or a tag of one). */
function isCommit(repo: string, oid: string): boolean {
  return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(oid) && resolveCommitOf(repo, oid) !== undefined;
}

/**
 * Pushed commits that only restate history: for a force push, what the ref had; for a new ref, what
 * the default branch has. A fast-forward has nothing on that side, so it costs nothing.
 */
function rewrittenCommits(repo: string, updates: RefUpdate[], defaultTip: string | undefined): Set<string> {
  const result = new Set<string>();
  for (const u of updates) {
    if (isZero(u.newOid)) continue;
    const base = isZero(u.oldOid) ? defaultTip : u.oldOid;
    if (!base || !isCommit(repo, base) || isAncestor(repo, base, u.newOid)) continue;
    for (const sha of equivalentCommits(repo, base, u.newOid)) result.add(sha);
  }
  return result;
}

/** For each commit, the first pushed ref whose new tip reaches it. */
function refsReaching(repo: string, commits: string[], updates: RefUpdate[]): Map<string, string> {
  const refOf = new Map<string, string>();
  for (const commit of new Set(commits)) {
    const update = updates.find((u) => !isZero(u.newOid) && (u.newOid === commit || isAncestor(repo, commit, u.newOid)));
    if (update) refOf.set(commit, update.ref);
  }
  return refOf;
}

function isAncestor(repo: string, commit: string, tip: string): boolean {
  // gitSync hides the exit status; rev-list answers with output instead (empty: an ancestor).
  return (
    gitSync(repo, ['rev-list', '-n', '1', '--end-of-options', commit, `^${tip}`], { allowFailure: true })
      .toString()
      .trim() === ''
  );
}
