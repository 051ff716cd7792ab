/**
 * Which blobs history holds and where each first appeared: one `git log --raw` over all refs
 * (oldest first) gives, per commit, the blob ids it added or changed, with no content diffs.
 */
import { GitError } from '../errors.js';
import { gitAsync, gitErrorLine, gitStream, gitSync } from './git-process.js';
import type { CommitInfo } from '../types.js';
import { stripUrlCredentials } from '../detect/redact.js';

export interface BlobOrigin {
  oid: string;
  /** The first commit (oldest first, topological) that added this blob at `commit.path`. */
  commit: CommitInfo;
  /** Position of that commit in the walk, to compare "earlier". */
  order: number;
  /**
   * Every path the blob was added at (copies, renames, the same file in two places), each with the
   * first commit that put it there; the first entry is `commit` itself.
   */
  paths: BlobPath[];
  /**
   * The key the audit scans and caches it under: its id, unless its paths differ in class for the
   * path-dependent rules (audit-paths.ts). Set here, so the audit adds no property to each record.
   */
  key: string;
}

export interface BlobPath {
  path: string;
  commit: CommitInfo;
  order: number;
}

export interface HistoryWalk {
  blobs: Map<string, BlobOrigin>;
  commits: number;
  submodules: string[];
}

/** First byte of a commit's header line in the walk's output (its format starts with \x01). */
const COMMIT_MARK = 0x01;
const COLON = 0x3a;
const TAB = 0x09;
const LF = 0x0a;
const SPACE = 0x20;

export interface WalkScope {
  /** Revisions to walk, e.g. ['--all'] or ['A..B'] (commit ids from resolveCommit, never raw user input). */
  revisions: string[];
}

/** Walks the commits of `scope` and returns each unique blob with the commit that introduced it. */
export async function walkHistory(repo: string, scope: WalkScope): Promise<HistoryWalk> {
  // '--all' is the one option a scope may hold; everything else is a revision, after --end-of-options.
  const all = scope.revisions.includes('--all');
  const revisions = scope.revisions.filter((r) => r !== '--all');
  const args = [
    'log',
    ...(all ? ['--all'] : []),
    '--no-show-signature',
    '--no-mailmap',
    '--reverse',
    '--topo-order',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    '--diff-merges=first-parent',
    '--no-color',
    '--format=%x01%H%x00%an%x00%ae%x00%aI',
    '--end-of-options',
    ...revisions,
    '--',
  ];
  const { child, exited } = gitStream(repo, args);
  child.stdin.end();
  const blobs = new Map<string, BlobOrigin>();
  const submodules = new Set<string>();
  /** (blob, path) pairs already recorded beyond a blob's first path. */
  const seenAt = new Set<string>();
  let current: CommitInfo | undefined;
  let order = 0;
  for await (const line of bufferLines(child.stdout)) {
    if (line[0] === COMMIT_MARK) {
      const [sha, author, email, date] = line.toString('utf8', 1).split('\0');
      current = { sha, author, email, date, path: '' };
      order++;
      continue;
    }
    if (line[0] !== COLON || !current) continue;
    // :<old mode> <new mode> <old oid> <new oid> <status>\t<path>
    const tab = line.indexOf(TAB);
    if (tab < 0) continue;
    const [oldMode, newMode, oldOid, oid, status] = line.toString('latin1', 1, tab).split(' ');
    // The id and the path are kept for every blob: decoded on their own from the bytes, so they hold
    // no reference to a larger string (a substring of git's output would keep all of it alive).
    const oidAt = 1 + oldMode.length + 1 + newMode.length + 1 + oldOid.length + 1;
    const newOid = line.toString('latin1', oidAt, oidAt + oid.length);
    const path = unquote(line.toString('utf8', tab + 1));
    if (status.startsWith('D')) continue;
    if (newMode === '160000') {
      submodules.add(path);
      continue;
    }
    if (!newMode.startsWith('100') && newMode !== '120000') continue;
    if (newMode === '120000') continue; // symlink targets are paths, not content
    const known = blobs.get(newOid);
    if (!known) {
      const commit = { ...current, path };
      blobs.set(newOid, { oid: newOid, commit, order, paths: [{ path, commit, order }], key: newOid });
    } else if (!seenAt.has(`${newOid}\0${path}`) && known.commit.path !== path) {
      known.paths.push({ path, commit: { ...current, path }, order });
    }
    if (known) seenAt.add(`${newOid}\0${path}`);
  }
  const { code, stderr } = await exited;
  if (code !== 0) {
    // An empty repository has no commits to walk: that is not an error.
    if (/does not have any commits|bad default revision|unknown revision/.test(stderr) && scope.revisions.includes('--all'))
      return { blobs, commits: 0, submodules: [] };
    const reason = gitErrorLine(stderr);
    if (/promisor remote/.test(stderr)) {
      throw new GitError(
        `git log failed: this partial clone lacks trees or commits that history needs, and hush never fetches (a blobless clone can be audited, a treeless one cannot): ${reason}`,
      );
    }
    throw new GitError(`git log failed: ${reason}`);
  }
  return { blobs, commits: order, submodules: [...submodules] };
}

/** The lines of a stream as Buffers (without their LF), each valid until the next is asked for. */
async function* bufferLines(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer | undefined;
  for await (const chunk of stream) {
    const data: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(LF); end >= 0; start = end + 1, end = data.indexOf(LF, start)) yield data.subarray(start, end);
    rest = start < data.length ? data.subarray(start) : undefined;
  }
  if (rest?.length) yield rest;
}

/** Paths in git output are C-quoted when they hold unusual bytes; undo it. */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A tree's recursive listing (HEAD by default), as git's bytes: `treeBlobs` reads it. */
export async function treeListing(repo: string, rev = 'HEAD'): Promise<Buffer> {
  return gitAsync(repo, ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', rev], { allowFailure: true });
}

/**
 * The blobs of a tree listing (`treeListing`), each id with the paths it sits at. An id or path equal
 * to one of `known`'s is that same string: a wide tree's listing would otherwise hold a second copy of
 * every id and path the walk already keeps (tens of MB for 100,000 files).
 */
export function treeBlobs(out: Buffer, known?: ReadonlyMap<string, BlobOrigin>): Map<string, string[]> {
  const blobs = new Map<string, string[]>();
  // Entries are `<mode> <type> <oid>\t<path>\0`: read in place from the bytes, without splitting the
  // listing, and each id and path decoded on its own (a substring would keep the whole listing alive).
  for (let start = 0, end: number; start < out.length; start = end + 1) {
    end = out.indexOf(0, start);
    if (end < 0) end = out.length;
    const tab = out.indexOf(TAB, start);
    if (tab < 0 || tab > end) continue;
    const type = out.indexOf(SPACE, start) + 1;
    const oid = out.indexOf(SPACE, type) + 1;
    if (oid - 1 - type !== 4 || out.toString('latin1', type, oid - 1) !== 'blob') continue;
    const read = out.toString('latin1', oid, tab);
    const origin = known?.get(read);
    const id = origin?.oid ?? read;
    const decoded = out.toString('utf8', tab + 1, end);
    const path = origin?.commit.path === decoded ? origin.commit.path : decoded;
    // Appended in place: copying the list per path made one blob at 200,000 paths quadratic.
    const paths = blobs.get(id);
    if (paths) paths.push(path);
    else blobs.set(id, [path]);
  }
  return blobs;
}

/**
 * A user-supplied revision as a commit id, or undefined when it names no commit. One starting with
 * "-" is never passed on, so it cannot be read as an option (`--output=FILE`).
 */
export function resolveCommit(repo: string, rev: string): string | undefined {
  if (!rev || rev.startsWith('-')) return undefined;
  const sha = gitSync(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { allowFailure: true })
    .toString()
    .trim();
  return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha) ? sha : undefined;
}

export interface RepoInfo {
  /** The work tree root, or the git dir for a bare repository. */
  root: string;
  gitDir: string;
  bare: boolean;
  shallow: boolean;
  head?: string;
  branch?: string;
  remoteUrl?: string;
}

export function repoInfo(path: string): RepoInfo {
  const probe = gitSync(path, ['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--is-shallow-repository'], { allowFailure: true })
    .toString()
    .trim()
    .split('\n');
  if (probe.length < 3 || !['true', 'false'].includes(probe[0])) throw new GitError(`not a git repository: ${path}`);
  const bare = probe[0] === 'true';
  const gitDir = probe[1];
  const root = bare ? gitDir : gitSync(path, ['rev-parse', '--show-toplevel']).toString().trim();
  const head = gitSync(path, ['rev-parse', '--verify', '--quiet', 'HEAD'], { allowFailure: true }).toString().trim() || undefined;
  const branch = gitSync(path, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFailure: true }).toString().trim() || undefined;
  // Without userinfo: CI runners clone with a token in the URL, and nothing hush prints may carry it.
  const remoteUrl = stripUrlCredentials(gitSync(path, ['config', '--get', 'remote.origin.url'], { allowFailure: true }).toString().trim()) || undefined;
  return { root, gitDir, bare, shallow: probe[2] === 'true', head, branch, remoteUrl };
}

/** Commits reachable from any ref (what a shallow clone holds). */
export function commitCount(repo: string): string {
  return gitSync(repo, ['rev-list', '--count', '--all'], { allowFailure: true }).toString().trim();
}

/** Blobs in the object store that no walked commit reached (`audit --all-objects`), added to `origins`. */
export function addUnreachableBlobs(repo: string, origins: Map<string, BlobOrigin>): void {
  const all = gitSync(repo, ['cat-file', '--batch-all-objects', '--batch-check']).toString('latin1');
  for (const line of all.split('\n')) {
    const [oid, type] = line.split(' ');
    if (type === 'blob' && !origins.has(oid)) {
      const commit = { sha: '0'.repeat(40), author: '', email: '', date: '', path: `(unreachable)/${oid}` };
      origins.set(oid, { oid, order: Number.MAX_SAFE_INTEGER, commit, paths: [{ path: commit.path, commit, order: Number.MAX_SAFE_INTEGER }], key: oid });
    }
  }
}
