/** The notes a scan leaves for what it did not scan, worded the same by every source. */
import type { SkippedFile } from './types.js';

/** Over the size cap; `blob` names a history blob by its id (several blobs may share a path). */
export function tooLarge(path: string, size: number, limit: number, blob?: string): SkippedFile {
  return { path, reason: 'too-large', detail: `${blob ? `blob ${blob.slice(0, 12)}: ` : ''}${size} bytes > limit ${limit}` };
}

/** A git object that could not be read (a partial clone's absent blob, a corrupt pack). */
export function missingObject(path: string, oid: string, detail = 'is missing or corrupt'): SkippedFile {
  return { path, reason: 'unreadable', detail: `object ${oid} ${detail}` };
}

const INCOMPLETE: ReadonlySet<SkippedFile['reason']> = new Set(['timeout', 'out-of-memory']);

/** Whether a note means a file was not scanned to its end: never a clean pass (exit 3 unless `incompleteScan` is `warn`). */
export function isIncomplete(s: SkippedFile): boolean {
  return INCOMPLETE.has(s.reason);
}

/** A file whose scan stopped part-way, with what was found before the stop kept. */
export function stoppedPartWay(path: string, reason: 'timeout' | 'out-of-memory', why: string): SkippedFile {
  return { path, reason, detail: `${why}; scanned only in part, findings before the stop are reported` };
}
