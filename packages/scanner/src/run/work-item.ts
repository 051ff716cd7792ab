/** A unit of scanning work: a file to read, or bytes already in memory (a git blob). */
import { isContentOf } from '../sources/blob-id.js';
import type { Ruleset } from '../detect/ruleset.js';
import { scanContent, scanFileEntry, type FileScanOutcome, type FileScanSettings } from '../detect/scan-file.js';

export interface WorkItem {
  /** Path reported in findings. */
  rel: string;
  /** File to read (string, or raw bytes for names that are not valid UTF-8). */
  abs?: string | Uint8Array;
  /** Content already read (git blobs); takes precedence over `abs`. */
  content?: Uint8Array;
  /**
   * The pool may move `content`'s memory to a worker instead of copying it (it must own its whole
   * ArrayBuffer); the caller then no longer has it, so it sets this only on its last use.
   */
  transfer?: boolean;
  /** The blob id `content` should hash to: checked where it is scanned (off the main thread). */
  contentId?: string;
  size: number;
}

/** What scanning an item found; `contentMatches` answers `contentId`. */
export type WorkOutcome = FileScanOutcome & { contentMatches?: boolean };

export function scanWorkItem(item: WorkItem, ruleset: Ruleset, settings: FileScanSettings): WorkOutcome {
  if (item.content) {
    const bytes = Buffer.isBuffer(item.content) ? item.content : Buffer.from(item.content.buffer, item.content.byteOffset, item.content.byteLength);
    const outcome: WorkOutcome = scanContent(item.rel, bytes, ruleset, settings);
    if (item.contentId !== undefined) outcome.contentMatches = isContentOf(item.contentId, bytes);
    return outcome;
  }
  const abs = typeof item.abs === 'string' ? item.abs : Buffer.from(item.abs!);
  return scanFileEntry({ abs, rel: item.rel, size: item.size }, ruleset, settings);
}
