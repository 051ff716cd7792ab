/**
 * The git-range source: what a set of revisions adds. "Added" means the commits reachable from the
 * tips that no existing ref reaches (`<tip>… --not --all`), and within each of them the files it
 * changes relative to every parent, each with the parents' versions it is compared with (a merge
 * that takes one side's file unchanged adds nothing). One `git log --raw` stream gives it all; no
 * content diff is read. Inside a pre-receive hook the tips are the pushed ones and "existing refs"
 * are the repository's, since the refs are updated only after the hook accepts.
 */
import { GitError } from '../errors.js';
import { gitErrorLine, gitStream, gitSync } from './git-process.js';
import type { CommitInfo } from '../types.js';

/** One file a commit adds or changes, with the versions of it its parents had. */
export interface AddedFile {
  commit: CommitInfo;
  path: string;
  oid: string;
  mode: string;
  /**
   * The blob each parent had at that path (or at a rename's source); empty: no parent had the file,
   * so every line is new.
   */
  bases: string[];
}

export interface RangeWalk {
  /** New commits seen (all of them when `complete`). */
  commits: number;
  files: AddedFile[];
  /** False when the walk was stopped at the deadline: later commits were not looked at. */
  complete: boolean;
}

const COMMIT_MARK = '\x01';
/** The most commits (both sides) compared by patch id to recognise rewritten history. */
const MAX_EQUIVALENCE_COMMITS = 5000;
const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The files the commits reachable from `tips` (commit ids) and from no ref add. `deadline` (a
 * `performance.now()` value) stops the walk early, leaving `complete` false.
 */
export async function walkAddedCommits(repo: string, tips: string[], deadline = Infinity, equivalent: ReadonlySet<string> = new Set()): Promise<RangeWalk> {
  if (!tips.length) return { commits: 0, files: [], complete: true };
  for (const tip of tips) if (!OID.test(tip)) throw new GitError(`not a commit id: ${tip}`);
  const args = [
    'log',
    '--no-show-signature',
    '--no-mailmap',
    '--reverse',
    '--topo-order',
    '--raw',
    '-z',
    '--no-abbrev',
    // Renames as the pre-commit hook sees them: a moved file adds nothing. Merges: combined, i.e.
    // only paths that differ from every parent, with each parent's blob.
    '-M',
    '--diff-merges=combined',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    `--format=${COMMIT_MARK}%H%x02%P%x02%an%x02%ae%x02%aI`,
    // `--not --all` excludes what any existing ref reaches; the second --not ends the exclusion.
    '--not',
    '--all',
    '--not',
    '--end-of-options',
    ...tips,
    '--',
  ];
  const { child, exited } = gitStream(repo, args);
  child.stdin.end();
  const files: AddedFile[] = [];
  let commits = 0;
  let complete = true;
  let current: CommitInfo | undefined;
  // -z output: NUL-separated tokens; a record is a header token, or a `:meta` token and its path(s).
  let rest = Buffer.alloc(0);
  let pending: string[] | undefined;
  let wanted = 0;
  const take = (token: string) => {
    if (pending) {
      pending.push(token);
      if (pending.length === wanted) {
        addRecord(pending, current, files);
        pending = undefined;
      }
      return;
    }
    const text = token.replace(/^\n/, '');
    if (text.startsWith(COMMIT_MARK)) {
      const [sha, , author, email, date] = text.slice(1).split('\x02');
      // A rebased or cherry-picked commit whose change the base side already has adds nothing.
      current = equivalent.has(sha) ? undefined : { sha, author, email, date, path: '' };
      commits++;
    } else if (text.startsWith(':')) {
      const status = text.slice(text.lastIndexOf(' ') + 1);
      // Renames and copies name two paths: source, then destination.
      wanted = /^[RC]/.test(status) && !text.startsWith('::') ? 3 : 2;
      pending = [text];
    }
  };
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    // Split as bytes, so a path's UTF-8 character cut between two reads stays whole.
    let data = Buffer.concat([rest, chunk]);
    for (let nul = data.indexOf(0); nul >= 0; nul = data.indexOf(0)) {
      take(data.toString('utf8', 0, nul));
      data = data.subarray(nul + 1);
    }
    rest = data;
    if (performance.now() > deadline) {
      complete = false;
      child.kill();
      break;
    }
  }
  const { code, stderr } = await exited;
  if (complete && code !== 0) throw new GitError(`git log failed: ${gitErrorLine(stderr)}`);
  return { commits, files, complete };
}

/**
 * `:<old mode> <new mode> <old oid> <new oid> <status>` + path(s) for a commit with one parent (or
 * none: a root commit lists every file as added); `::<mode per parent> <mode> <oid per parent> <oid>
 * <statuses>` + path for a merge.
 */
function addRecord([meta, ...paths]: string[], commit: CommitInfo | undefined, files: AddedFile[]): void {
  if (!commit) return;
  const colons = /^:+/.exec(meta)![0].length;
  const fields = meta.slice(colons).split(' ');
  const parents = colons;
  const modes = fields.slice(0, parents + 1);
  const oids = fields.slice(parents + 1, 2 * parents + 2);
  const status = fields[2 * parents + 2] ?? '';
  const mode = modes[parents];
  // Deleted files and anything but regular files (links are paths, submodules other repositories).
  if (status.includes('D') || !mode.startsWith('100')) return;
  const bases = modes.flatMap((m, i) => (i < parents && m.startsWith('100') ? [oids[i]] : []));
  const path = paths[paths.length - 1];
  files.push({ commit: { ...commit, path }, path, oid: oids[parents], mode, bases });
}

/**
 * Commits on `tip`'s side of `base...tip` whose change (patch id) a commit on `base`'s side already
 * makes: history rewritten by a rebase, an amend of the message, a cherry-pick. Empty for a
 * fast-forward (nothing on the base side).
 */
export function equivalentCommits(repo: string, base: string, tip: string): Set<string> {
  if (!OID.test(base) || !OID.test(tip)) return new Set();
  // Patch ids cost a diff per commit on both sides, in one blocking call: past this many, the
  // commits are judged as any others (a time budget cannot stop a call that blocks).
  const count = Number(
    gitSync(repo, ['rev-list', '--count', '--end-of-options', `${base}...${tip}`, '--'], { allowFailure: true })
      .toString()
      .trim(),
  );
  if (!(count > 0) || count > MAX_EQUIVALENCE_COMMITS) return new Set();
  const out = gitSync(
    repo,
    ['log', '--no-show-signature', '--cherry-mark', '--right-only', '--no-merges', '--format=%m%H', '--end-of-options', `${base}...${tip}`, '--'],
    {
      allowFailure: true,
    },
  ).toString();
  return new Set(
    out
      .split('\n')
      .filter((line) => line.startsWith('='))
      .map((line) => line.slice(1)),
  );
}
