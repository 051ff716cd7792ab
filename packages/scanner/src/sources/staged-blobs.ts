/**
 * The staged blobs the pre-commit scan reads. Right after `git add`, the work tree holds the very
 * bytes of most of them, and reading a file is far cheaper than git inflating a loose object; so a
 * work-tree file is used when its bytes hash to the staged blob's id (then they are that blob, byte
 * for byte, whatever the file is now), and git is asked for the rest. What is scanned is always the
 * index's content, never the work tree's.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { isContentOf } from './blob-id.js';
import { readBlobs, type BlobContent, type MissingBlob } from './git-objects.js';

/** Opened without following a final symlink and without blocking on a FIFO: only regular files are read. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The file's bytes when it is a regular file of at most `limit` bytes, else undefined. */
function readRegularFile(file: string, limit: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > limit) return undefined;
    const content = Buffer.allocUnsafeSlow(stat.size);
    let filled = 0;
    while (filled < content.length) {
      const n = readSync(fd, content, filled, content.length - filled, filled);
      if (n === 0) return undefined; // shrank while being read
      filled += n;
    }
    return content;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Each blob of `paths` (staged id → one path it is staged at, relative to `root`), once: first those
 * whose work-tree copy is the blob (at most `limit` bytes), then the others from git's object store.
 */
export async function* readStagedBlobs(root: string, paths: Map<string, string>, limit: number): AsyncGenerator<BlobContent | MissingBlob> {
  const fromGit: string[] = [];
  for (const [oid, path] of paths) {
    const content = readRegularFile(join(root, path), limit);
    if (content && isContentOf(oid, content)) yield { oid, content };
    else fromGit.push(oid);
  }
  yield* readBlobs(root, fromGit);
}
