/**
 * An audit's blobs read on a thread of their own, for an audit that scans on the main thread. Read
 * there, `git cat-file --batch` could run only as far ahead as its pipe holds (tens of KB) while the
 * thread scanned: git then waited for the thread and the thread for git, a fifth of the time in a
 * model of it (docs/performance.md, eleventh round). A reader thread drains the pipe while the main
 * thread scans, and posts the blobs over in batches, their memory moved; it keeps at most AHEAD_BYTES
 * untaken, so memory stays bounded however fast git is. Where workers scan, the main thread has the
 * time to read, and one thread more only costs CPU (4% of a 2-core audit), so it reads itself.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GitError } from '../errors.js';
import { readBlobs, type BlobContent, type MissingBlob } from './git-objects.js';
import { pushQuarantineAdmitted } from './git-process.js';

/** What the reader thread posts: a batch of blobs (in request order), the end, or git's failure. */
export type ReaderMessage = { blobs: Array<BlobContent | MissingBlob>; bytes: number } | { done: true } | { error: string };

/** Blobs below this many are read on the calling thread: a thread costs ~20 ms to start. */
const THREAD_FROM_BLOBS = 64;
/** Bytes the reader may have posted that the consumer has not taken yet. */
const AHEAD_BYTES = 8 * 1024 * 1024;
/** A batch is posted at this size, or sooner when git has nothing more at the moment. */
const BATCH_BYTES = 256 * 1024;
/** How long a reader asked to stop may take to see git exit (it reads at most one more blob). */
const STOP_WAIT_MS = 10_000;

/**
 * The reader's file beside this module: blob-reader-worker.js here, blob-reader.cjs in the one-file
 * bundle, which defines __HUSH_BLOB_READER_FILE__ (scripts/bundle.mjs).
 */
declare const __HUSH_BLOB_READER_FILE__: string | undefined;
const READER_FILE = typeof __HUSH_BLOB_READER_FILE__ === 'string' ? __HUSH_BLOB_READER_FILE__ : './blob-reader-worker.js';

/**
 * `readBlobs`, with git's output read on another thread for many blobs. Where the reader's file is
 * not there (sources run untranspiled, as in some tests), the blobs are read here instead.
 */
export function readBlobsOnThread(repo: string, oids: string[]): AsyncGenerator<BlobContent | MissingBlob> {
  const file = new URL(READER_FILE, import.meta.url);
  if (oids.length < THREAD_FROM_BLOBS || !existsSync(fileURLToPath(file))) return readBlobs(repo, oids);
  return readOnThread(file, repo, oids);
}

async function* readOnThread(file: URL, repo: string, oids: string[]): AsyncGenerator<BlobContent | MissingBlob> {
  // The thread's git sees what this thread's would (a server's push quarantine included).
  const workerData = { repo, oids, aheadBytes: AHEAD_BYTES, batchBytes: BATCH_BYTES, quarantine: pushQuarantineAdmitted() };
  const worker = new Worker(file, { workerData });
  const arrived: ReaderMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const woken = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: ReaderMessage) => {
    arrived.push(message);
    woken();
  });
  worker.on('error', (error) => {
    failure ??= error;
    woken();
  });
  const exited = new Promise<void>((resolve) =>
    worker.on('exit', () => {
      failure ??= new GitError('git cat-file: the reading thread stopped');
      woken();
      resolve();
    }),
  );
  try {
    for (;;) {
      while (!arrived.length) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const message = arrived.shift()!;
      if ('done' in message) return;
      if ('error' in message) throw new GitError(message.error);
      for (const blob of message.blobs) {
        // A posted Buffer arrives as a plain Uint8Array over the same memory.
        yield 'content' in blob ? { oid: blob.oid, content: Buffer.from(blob.content.buffer, blob.content.byteOffset, blob.content.byteLength) } : blob;
      }
      worker.postMessage(message.bytes);
    }
  } finally {
    // Asked to stop, the thread ends its read and exits once git has; one that does not is ended.
    worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(timer);
    await worker.terminate();
  }
}
