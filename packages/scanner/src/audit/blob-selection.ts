/**
 * Which scan units an audit must read and scan: not those git does not have here (a partial clone's
 * missing blobs are noted, never fetched), not oversized ones (noted, never read), and not those the
 * cache already answers. Cached units with findings are read again (not scanned) to restore their
 * secrets and snippets; one whose bytes no longer match its cached hashes is scanned again.
 */
import { restoreFindings, type AuditCache, type StoredFinding } from './audit-cache.js';
import type { ScanUnit } from './audit-paths.js';
import { isContentOf } from '../sources/blob-id.js';
import { readBlobs } from '../sources/git-objects.js';
import { keysByBlob, keysOf } from '../sources/history.js';
import { missingObject, tooLarge } from '../detect/skip-records.js';
import type { BlobFinding, SkippedFile } from '../types.js';

export interface BlobSelection {
  /** Unit keys to scan. */
  toRead: string[];
  /** Their bytes in all (for progress). */
  bytes: number;
  /** Findings per unit key that the cache answered (units with none are left out). */
  byBlob: Map<string, BlobFinding[]>;
  skipped: SkippedFile[];
  fromCache: number;
  notPresent: number;
}

export async function selectBlobs(
  repo: string,
  units: Map<string, ScanUnit>,
  sizes: Map<string, { size: number }>,
  cache: AuditCache,
  maxFileSize: number,
): Promise<BlobSelection> {
  const selection: BlobSelection = { toRead: [], bytes: 0, byBlob: new Map(), skipped: [], fromCache: 0, notPresent: 0 };
  const toRestore = new Map<string, StoredFinding[]>();
  for (const [key, unit] of units) {
    const info = sizes.get(unit.oid);
    if (!info) {
      selection.skipped.push(missingObject(unit.commit.path, unit.oid));
      selection.notPresent++;
      continue;
    }
    if (info.size > maxFileSize) {
      selection.skipped.push(tooLarge(unit.commit.path, info.size, maxFileSize, unit.oid));
      continue;
    }
    const cached = cache.get(key);
    if (cached?.length) toRestore.set(key, cached);
    else if (cached) {
      selection.fromCache++;
      if (cache.isBinary(key)) selection.skipped.push({ path: unit.commit.path, reason: 'binary' });
    } else selection.toRead.push(key);
  }
  const restoring = keysByBlob(units, toRestore.keys());
  for await (const blob of readBlobs(repo, [...restoring.keys()])) {
    for (const key of keysOf(restoring, blob.oid)) {
      const restored = 'missing' in blob || !isContentOf(blob.oid, blob.content) ? undefined : restoreFindings(blob.content, toRestore.get(key)!);
      if (restored) {
        selection.byBlob.set(key, restored);
        selection.fromCache++;
      } else selection.toRead.push(key);
    }
  }
  for (const key of selection.toRead) selection.bytes += sizes.get(units.get(key)!.oid)?.size ?? 0;
  return selection;
}
