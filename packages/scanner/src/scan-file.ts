/** One file through the size/binary gate and the engine. Used in workers and in-process alike. */
import { readFileSync } from 'node:fs';
import { decodeContent } from './decode.js';
import { detect, detectByPath, type DetectOptions } from './engine.js';
import type { Ruleset } from './ruleset.js';
import type { FileEntry } from './sources/fs.js';
import type { Finding, SkippedFile } from './types.js';

export interface FileScanSettings extends DetectOptions {
  maxFileSize: number;
}

export interface FileScanOutcome {
  findings: Finding[];
  skipped?: SkippedFile;
  bytes: number;
}

export function scanFileEntry(entry: Omit<FileEntry, 'abs'> & { abs: string | Buffer }, ruleset: Ruleset, settings: FileScanSettings): FileScanOutcome {
  if (entry.size > settings.maxFileSize) {
    return { findings: [], skipped: { path: entry.rel, reason: 'too-large', detail: `${entry.size} bytes > limit ${settings.maxFileSize}` }, bytes: 0 };
  }
  let content: Buffer;
  try {
    content = readFileSync(entry.abs);
  } catch (error) {
    // Deleted or made unreadable since the walk: note it and go on.
    return { findings: [], skipped: { path: entry.rel, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code }, bytes: 0 };
  }
  if (content.length > settings.maxFileSize) {
    return { findings: [], skipped: { path: entry.rel, reason: 'too-large', detail: `${content.length} bytes > limit ${settings.maxFileSize}` }, bytes: 0 };
  }
  return scanContent(entry.rel, content, ruleset, settings);
}

/** Scans bytes already in memory (files, git blobs, staged blobs). */
export function scanContent(path: string, content: Buffer, ruleset: Ruleset, settings: DetectOptions): FileScanOutcome {
  const byPath = ruleset.pathRules.length ? detectByPath(path, content, ruleset) : [];
  const decoded = decodeContent(content);
  if ('binary' in decoded) {
    return { findings: byPath, skipped: byPath.length ? undefined : { path, reason: 'binary' }, bytes: content.length };
  }
  return { findings: [...byPath, ...detect(decoded.text, path, ruleset, settings)], bytes: content.length };
}
