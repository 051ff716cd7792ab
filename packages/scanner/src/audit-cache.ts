/**
 * What the audit cache keeps of a finding: rule and positions, never the secret, its line, a snippet
 * or any digest of the secret (a cache can travel without the objects, as a CI cache does, and a
 * digest of a weak secret falls to a dictionary). A later audit restores the secret from the blob
 * itself (read again, not scanned again), and trusts it only when it has the redacted form reports
 * showed (`shown`); otherwise the blob is rescanned.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { rulesVersion } from '@hush/rules';
import type { HushConfig } from './config/config-shape.js';
import { replaceFile } from './contained-files.js';
import { decodeContent } from './detect/decode.js';
import { FindingLines } from './detect/finding-lines.js';
import { secretFingerprint } from './detect/fingerprint.js';
import { LineIndex } from './detect/location.js';
import { redact } from './detect/redact.js';
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
  const around = new FindingLines(
    text,
    lines,
    stored.map((s) => ({ line: s.line, column: s.column })),
    stored.map((s) => ({ line: s.endLine, column: s.endColumn })),
  );
  const restored: BlobFinding[] = [];
  for (const s of stored) {
    const rawSecret = text.slice(lines.offset(s.line, s.column), lines.offset(s.endLine, s.endColumn));
    if (!rawSecret || redact(rawSecret) !== s.shown) return undefined;
    const { shown: _shown, ...kept } = s;
    restored.push({ ...kept, rawSecret, secretHash: secretFingerprint(s.ruleId, rawSecret), lineText: around.excerpt(s), snippet: around.snippet(s) });
  }
  return restored;
}

/** Bumped when what a cache entry guarantees changes, so older caches are dropped. */
const CACHE_FORMAT = 'verified-blob-ids';
/**
 * Cache entries hold positions only (older caches held redacted snippets, then digests of secrets:
 * discarded), one per line, appended as blobs are scanned (older caches were rewritten whole).
 */
const CACHE_ENTRY_FORMAT = 'positions-no-digests-appended';
/** Buffered entries are appended once they reach this many bytes (and when the audit ends). */
const APPEND_BYTES = 1 << 20;
/**
 * The file stays one JSON document, `{"key":…,"blobs":{` then a line `"<unit key>":[findings],` per
 * scanned unit and this closing line: an append writes its lines over the closing line and closes
 * the document again. A binary unit has an extra empty entry under `b:<unit key>`.
 */
const CLOSING = '"":[]}}\n';
const BINARY = 'b:';

/** What a cached result depends on: the formats, the rules, the config and the size cap. */
export function auditCacheKey(config: HushConfig, maxFileSize: number): string {
  // CACHE_FORMAT: caches written before blob ids were verified may hold a replaced object's result.
  return createHash('sha256')
    .update(`${CACHE_FORMAT}\0${CACHE_ENTRY_FORMAT}\0${rulesVersion()}\0${JSON.stringify(config)}\0${maxFileSize}`)
    .digest('hex');
}

/**
 * The audit cache: scanned blobs (per class of paths) and what they held, under one key (rules
 * version, config, size cap). Read once when opened; new results are appended, never the whole file
 * rewritten, and not kept in memory here.
 */
export interface AuditCache {
  /** The stored findings of a unit key ([]: scanned, nothing found), or undefined when not cached. */
  get(key: string): StoredFinding[] | undefined;
  /** Whether a cached unit was skipped as binary (so a cached audit still says so). */
  isBinary(key: string): boolean;
  record(key: string, findings: StoredFinding[], binary: boolean): void;
  /** Appends what is still buffered. */
  close(): void;
}

/** The cache at `path` if it was written under `key` (and `enabled`, else it neither reads nor writes). */
export function openAuditCache(path: string, key: string, enabled: boolean): AuditCache {
  const entries = new Map<string, StoredFinding[]>();
  const binary = new Set<string>();
  const header = `{"key":${JSON.stringify(key)},"blobs":{\n`;
  let current = false;
  if (enabled) {
    try {
      const text = readFileSync(path, 'utf8');
      current = text.startsWith(header);
      // Line by line, so an audit stopped mid-append costs only the entries it was writing.
      for (const line of current ? text.slice(header.length).split('\n') : []) {
        if (!line.endsWith(',')) continue;
        try {
          const [[k, findings]] = Object.entries(JSON.parse(`{${line.slice(0, -1)}}`) as Record<string, unknown>);
          if (!Array.isArray(findings)) continue;
          if (k.startsWith(BINARY)) binary.add(k.slice(BINARY.length));
          else entries.set(k, findings as StoredFinding[]);
        } catch {
          /* a line cut short: that blob is scanned again */
        }
      }
    } catch {
      /* missing or unreadable: start afresh */
    }
  }
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (!pending.length) return;
    const lines = pending.join('');
    pending = [];
    pendingBytes = 0;
    try {
      if (current && appendToOwnFile(path, lines)) return;
      // A new cache, another key, or a link where the cache should be: written afresh, by rename.
      mkdirSync(join(path, '..'), { recursive: true });
      // (A cache whose end was cut short keeps the entries read from it.)
      const kept = [header, ...[...entries].map(([k, findings]) => entryLines(k, findings, binary.has(k)))].join('');
      replaceFile(path, kept + lines + CLOSING);
      current = true;
    } catch {
      // A read-only repository still gets its audit; only the cache is lost.
    }
  };
  return {
    get: (k) => entries.get(k),
    isBinary: (k) => binary.has(k),
    record(k, findings, isBinary) {
      if (!enabled) return;
      const line = entryLines(k, findings, isBinary);
      pending.push(line);
      pendingBytes += line.length;
      if (pendingBytes >= APPEND_BYTES) flush();
    },
    close: flush,
  };
}

const entryLines = (k: string, findings: StoredFinding[], isBinary: boolean) =>
  `${JSON.stringify(k)}:${JSON.stringify(findings)},\n${isBinary ? `${JSON.stringify(BINARY + k)}:[],\n` : ''}`;

/**
 * Writes `lines` over the closing line of the cache file, and the closing line after them, when the
 * file is a plain file of its own (not a symlink, nor a hard link another name shares) that ends as
 * this writer left it: an append never writes through a link a repository planted.
 */
function appendToOwnFile(path: string, lines: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return false;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.nlink !== 1 || lstatSync(path).isSymbolicLink() || stat.size < CLOSING.length) return false;
    const end = Buffer.alloc(CLOSING.length);
    readSync(fd, end, 0, end.length, stat.size - end.length);
    if (end.toString('utf8') !== CLOSING) return false;
    writeSync(fd, lines + CLOSING, stat.size - CLOSING.length);
    return true;
  } finally {
    closeSync(fd);
  }
}
