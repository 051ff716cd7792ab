/**
 * The thread that reads an audit's blobs from `git cat-file --batch` (see blob-reader.ts): it runs
 * `readBlobs` and posts the blobs in batches, their memory moved, never copied. It stays at most
 * `aheadBytes` ahead of what the main thread has taken, so git waits rather than memory grows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readBlobs, type BlobContent, type MissingBlob } from './git-objects.js';
import { admitPushQuarantine } from './git-process.js';
import type { ReaderMessage } from './blob-reader.js';

const { repo, oids, aheadBytes, batchBytes, quarantine } = workerData as {
  repo: string;
  oids: string[];
  aheadBytes: number;
  batchBytes: number;
  quarantine: boolean;
};
const port = parentPort!;
if (quarantine) admitPushQuarantine();

let ahead = 0;
let resume: (() => void) | undefined;
let finished = false;
let stopped = false;
port.on('message', (taken: number | 'stop') => {
  // The consumer is done (or gave up): the read ends at the next blob, and the thread ends once git
  // has exited (this thread's loop reaps it; ended from outside, git would be left a zombie).
  if (taken === 'stop') {
    stopped = true;
    resume?.();
    if (finished) port.close();
    return;
  }
  ahead -= taken;
  if (ahead <= aheadBytes) resume?.();
  // The consumer is about to run dry: what is read so far goes now, not at a full batch.
  if (ahead < batchBytes) flushSoon();
});

let batch: Array<BlobContent | MissingBlob> = [];
let bytes = 0;
let scheduled = false;

function flushSoon(): void {
  if (scheduled || !batch.length) return;
  scheduled = true;
  setImmediate(flush);
}

function flush(): void {
  scheduled = false;
  if (!batch.length) return;
  const message: ReaderMessage = { blobs: batch, bytes };
  // A blob's own buffer moves with it (an empty one has nothing to move).
  const moved = batch.flatMap((b) => ('content' in b && b.content.byteLength ? [b.content.buffer as ArrayBuffer] : []));
  ahead += bytes;
  batch = [];
  bytes = 0;
  port.postMessage(message, moved);
}

async function read(): Promise<void> {
  for await (const blob of readBlobs(repo, oids)) {
    if (stopped) return;
    batch.push(blob);
    bytes += 'content' in blob ? blob.content.length : 0;
    // Full batches, few messages; a partial one only while the consumer has little left (it goes when
    // this thread would wait for git: after the reads at hand).
    if (bytes >= batchBytes) flush();
    else if (ahead < batchBytes) flushSoon();
    if (ahead > aheadBytes && !stopped) await new Promise<void>((r) => (resume = r));
  }
  flush();
}

read()
  .then(
    () => port.postMessage({ done: true } satisfies ReaderMessage),
    (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies ReaderMessage),
  )
  .finally(() => {
    finished = true;
    if (stopped) port.close();
  });
