/**
 * The history source: blobs of the audited history, each read from git once (cat-file --batch; on a
 * thread of its own when `readOnThread`, see blob-reader.ts) and yielded once per class of its paths
 * (the keys of `units`, see audit-paths.ts). The last use of the bytes may move them to a worker. Where
 * the outcome is to be cached under the blob's id (`checkIds`), each carries that id, so the worker
 * checks the bytes are the blob they claim to be; an audit without a cache skips the hashing (a SHA-1
 * of every blob, ~5% of a worker's time).
 */
import type { Provenance, Source, SourceItem } from './source.js';
import { missingObject } from '../detect/skip-records.js';
import type { BlobOrigin } from './git-history.js';
import { readBlobsOnThread } from './blob-reader.js';
import { readBlobs } from './git-objects.js';

export type HistoryProvenance = Extract<Provenance, { kind: 'history' }>;

export function historySource(
  repo: string,
  units: Map<string, BlobOrigin>,
  keys: string[],
  size: { items: number; bytes: number },
  checkIds = true,
  readOnThread = false,
): Source<HistoryProvenance> {
  const reading = keysByBlob(units, keys);
  async function* items(): AsyncGenerator<SourceItem<HistoryProvenance>> {
    const oids = [...reading.keys()];
    for await (const blob of readOnThread ? readBlobsOnThread(repo, oids) : readBlobs(repo, oids)) {
      const blobKeys = keysOf(reading, blob.oid);
      if ('missing' in blob) {
        const origin = units.get(blobKeys[0])!;
        yield { provenance: { kind: 'history', key: blobKeys[0], blob: origin }, skipped: missingObject(origin.commit.path, blob.oid) };
        continue;
      }
      for (const key of blobKeys) {
        const origin = units.get(key)!;
        yield {
          provenance: { kind: 'history', key, blob: origin },
          work: {
            rel: origin.commit.path,
            content: blob.content,
            size: blob.content.length,
            transfer: key === blobKeys[blobKeys.length - 1],
            ...(checkIds ? { contentId: blob.oid } : {}),
          },
        };
      }
    }
  }
  return { items: items(), plan: size };
}

/**
 * Unit keys grouped by the blob they read, so each blob is read once (read them with `keysOf`). A blob
 * with one key (nearly all) holds it as is: no array each for 100,000 blobs of a wide history.
 */
export function keysByBlob(units: Map<string, BlobOrigin>, keys: Iterable<string>): Map<string, string | string[]> {
  const byOid = new Map<string, string | string[]>();
  for (const key of keys) {
    const oid = units.get(key)!.oid;
    const known = byOid.get(oid);
    if (known === undefined) byOid.set(oid, key);
    else if (typeof known === 'string') byOid.set(oid, [known, key]);
    else known.push(key);
  }
  return byOid;
}

/** The unit keys of blob `oid` in a `keysByBlob` map. */
export function keysOf(byBlob: Map<string, string | string[]>, oid: string): string[] {
  const keys = byBlob.get(oid);
  return keys === undefined ? [] : typeof keys === 'string' ? [keys] : keys;
}
