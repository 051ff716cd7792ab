/**
 * What the audit cache keeps of a finding: rule and positions, never the secret, its line, a snippet
 * or any digest of the secret (a cache can travel without the objects, as a CI cache does, and a
 * digest of a weak secret falls to a dictionary). A later audit restores the secret from the blob
 * itself (read again, not scanned again), and trusts it only when it has the redacted form reports
 * showed (`shown`); otherwise the blob is rescanned.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesVersion } from '@hush/rules';
import type { HushConfig } from './config/config-shape.js';
import { replaceFile } from './contained-files.js';
import { decodeContent } from './detect/decode.js';
import { secretSpansByLine } from './detect/engine.js';
import { secretFingerprint } from './detect/fingerprint.js';
import { LineIndex } from './detect/location.js';
import { redact, redactedSnippet } from './detect/redact.js';
import type { Finding } from './types.js';

/** A finding in one blob, before it is placed at a path and commit. */
export type BlobFinding = Omit<Finding, 'commit' | 'inHead' | 'path' | 'fingerprint'>;

/** What the cache may keep: named fields only, so a field added to findings later is not stored by accident. */
const STORED = ['ruleId', 'title', 'severity', 'line', 'column', 'endLine', 'endColumn', 'validity', 'details', 'lineHash', 'suppression'] as const;
export type StoredFinding = Pick<BlobFinding, (typeof STORED)[number]> & {
  /** The secret as reports redact it (a short prefix and a mask): what restoring must give back. */
  shown: string;
};

export function toStored(f: BlobFinding): StoredFinding {
  const stored: Partial<Record<(typeof STORED)[number], unknown>> = {};
  for (const field of STORED) if (f[field] !== undefined) stored[field] = f[field];
  return { ...(stored as Pick<BlobFinding, (typeof STORED)[number]>), shown: redact(f.rawSecret) };
}

/** The blob's findings rebuilt from cached positions, or undefined when the blob must be rescanned. */
export function restoreFindings(content: Buffer, stored: StoredFinding[]): BlobFinding[] | undefined {
  const decoded = decodeContent(content);
  if ('binary' in decoded) return undefined;
  const text = decoded.text;
  const lines = new LineIndex(text);
  const spans = secretSpansByLine(
    stored.map((s) => ({ line: s.line, column: s.column })),
    stored.map((s) => ({ line: s.endLine, column: s.endColumn })),
  );
  const restored: BlobFinding[] = [];
  for (const s of stored) {
    const rawSecret = text.slice(lines.offset(s.line, s.column), lines.offset(s.endLine, s.endColumn));
    if (!rawSecret || redact(rawSecret) !== s.shown) return undefined;
    const line = lines.lineText(s.line);
    const { shown: _shown, ...kept } = s;
    restored.push({
      ...kept,
      rawSecret,
      secretHash: secretFingerprint(s.ruleId, rawSecret),
      lineText: line.length > 500 ? line.slice(Math.max(0, s.column - 100), s.column + 300) : line,
      snippet: redactedSnippet(line, spans.get(s.line)!, s.column - 1),
    });
  }
  return restored;
}

/** Bumped when what a cache entry guarantees changes, so older caches are dropped. */
const CACHE_FORMAT = 'verified-blob-ids';
/** Cache entries hold positions only (older caches held redacted snippets, then digests of secrets: discarded). */
const CACHE_ENTRY_FORMAT = 'positions-no-digests';

export interface AuditCache {
  key: string;
  /** Cache keys of blobs skipped as binary. */
  binary?: Record<string, true>;
  blobs: Record<string, StoredFinding[]>;
}

/** What a cached result depends on: the formats, the rules, the config and the size cap. */
export function auditCacheKey(config: HushConfig, maxFileSize: number): string {
  // CACHE_FORMAT: caches written before blob ids were verified may hold a replaced object's result.
  return createHash('sha256')
    .update(`${CACHE_FORMAT}\0${CACHE_ENTRY_FORMAT}\0${rulesVersion()}\0${JSON.stringify(config)}\0${maxFileSize}`)
    .digest('hex');
}

/** The cache at `path` if it was written under `key` (and `enabled`), else an empty one. */
export function openAuditCache(path: string, key: string, enabled: boolean): AuditCache {
  if (!enabled) return { key, blobs: {} };
  try {
    const cache = JSON.parse(readFileSync(path, 'utf8')) as AuditCache;
    if (cache.key === key && cache.blobs && typeof cache.blobs === 'object') return cache;
  } catch {
    /* missing or unreadable: start afresh */
  }
  return { key, blobs: {} };
}

export function saveAuditCache(path: string, cache: AuditCache): void {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    replaceFile(path, JSON.stringify(cache));
  } catch {
    // A read-only repository still gets its audit; only the cache is lost.
  }
}
