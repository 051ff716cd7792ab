/**
 * Reading files at a revision, for the configuration a range audit trusts: the interface config code
 * asks through (so config/ never calls git itself), and its implementation over the hardened git
 * gateway. A source that walks other revision sets (a server hook's pushed objects) provides its own.
 */
import { gitSync } from './git-process.js';

interface TreeEntry {
  mode: string;
  oid: string;
  /** Bytes (0 where git gives none). */
  size: number;
}

export interface RevisionFiles {
  /** The merge base of two commits, or undefined when they have none. */
  mergeBase(a: string, b: string): string | undefined;
  /** The tree entry of a top-level path at a commit, with its size (its blob is not read). */
  entryAt(commit: string, path: string): TreeEntry | undefined;
  /** A blob's bytes; throws a GitError when it is missing or corrupt. */
  blob(oid: string): Buffer;
}

/** The repository's own revisions, read through git (no hooks, filters or transports run). */
export function gitRevisionFiles(repo: string): RevisionFiles {
  return {
    mergeBase(a, b) {
      const base = gitSync(repo, ['merge-base', '--end-of-options', a, b], { allowFailure: true }).toString().trim();
      return /^[0-9a-f]{40,64}$/.test(base) ? base : undefined;
    },
    entryAt(commit, path) {
      const line = gitSync(repo, ['ls-tree', '-z', '-l', '--full-tree', '--end-of-options', commit, '--', path]).toString('utf8').split('\0')[0];
      const match = /^(\d{6}) (\w+) ([0-9a-f]+) +(\d+|-)\t/.exec(line);
      return match ? { mode: match[1], oid: match[3], size: Number(match[4]) || 0 } : undefined;
    },
    blob: (oid) => gitSync(repo, ['cat-file', 'blob', oid]),
  };
}
