/** One file through the size/binary gate and the engine. Used in workers and in-process alike. */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { readBuffer } from './read-buffer.js';
import { certificatesIn, mayHoldCertificate, type CertificateInfo } from './certificates.js';
import { isAscii } from 'node:buffer';
import { decodeAs, readingsOf, type Encoding } from './decode.js';
import { AsciiText, type TextLike } from './text.js';
import { Utf8Text } from './utf8-text.js';
import { detect, detectByPath, GATE_LOOKAHEAD, type DetectOptions } from './engine.js';
import { pathFilter, type Ruleset } from './ruleset.js';
import { stoppedPartWay, tooLarge } from './skip-records.js';
import type { Finding, SkippedFile } from '../types.js';

export interface FileScanSettings extends ScanLimits {
  maxFileSize: number;
}

/** What the engine runs with, plus a per-file time limit (milliseconds; none when absent). */
export interface ScanLimits extends Omit<DetectOptions, 'stop'> {
  timeLimitMs?: number;
}

export interface FileScanOutcome {
  findings: Finding[];
  skipped?: SkippedFile;
  bytes: number;
  /** Certificates seen in this file, to name the certificate of a leaked private key. */
  certificates?: CertificateInfo[];
}

export function scanFileEntry(entry: { abs: string | Buffer; rel: string; size: number }, ruleset: Ruleset, settings: FileScanSettings): FileScanOutcome {
  let content: Buffer;
  try {
    const read = readCapped(entry.abs, entry.size, settings.maxFileSize);
    if (typeof read === 'number') return { findings: [], skipped: tooLarge(entry.rel, read, settings.maxFileSize), bytes: 0 };
    content = read;
  } catch (error) {
    // Deleted or made unreadable since the walk: note it and go on.
    return { findings: [], skipped: { path: entry.rel, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code }, bytes: 0 };
  }
  return scanContent(entry.rel, content, ruleset, settings);
}

const capped = (content: Buffer, cap: number): Buffer | number => (content.length > cap ? content.length : content);

/**
 * The file's bytes, or its size when over the cap (checked before reading, so a huge file is never
 * loaded). One open, one fstat and one read, of one byte more than the file's size: the walk leaves
 * sizes to the workers (-1). A read that returns less than it asked for has reached the end (no
 * second read to find it); a file that grew after the fstat is read whole and the cap applies to what
 * was read.
 */
function readCapped(path: string | Buffer, known: number, cap: number): Buffer | number {
  if (known > cap) return known;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > cap) return size;
    // Size 0 may be a pseudo-file that has content after all: read it as readFileSync would.
    if (size === 0) return capped(readFileSync(fd), cap);
    const buffer = readBuffer(size + 1);
    let filled = 0;
    for (let n; filled < size && (n = readSync(fd, buffer, filled, size + 1 - filled, null)) > 0;) filled += n;
    if (filled <= size) return buffer.subarray(0, filled);
    // Grown since the fstat: read the rest too (then the cap applies to what was read).
    return capped(Buffer.concat([buffer.subarray(0, filled), readFileSync(fd)]), cap);
  } finally {
    closeSync(fd);
  }
}

/** Scans bytes already in memory (files, git blobs, staged blobs), in each reading they may have. */
export function scanContent(path: string, content: Buffer, ruleset: Ruleset, settings: ScanLimits): FileScanOutcome {
  const started = performance.now();
  const byPath = ruleset.pathRules.length ? detectByPath(path, content, ruleset) : [];
  const readings = readingsOf(content);
  if (readings === 'binary') return { findings: byPath, skipped: byPath.length ? undefined : { path, reason: 'binary' }, bytes: content.length };
  const stop = settings.timeLimitMs !== undefined ? { deadline: started + settings.timeLimitMs, stoppedIn: undefined as string | undefined } : undefined;
  const findings = [...byPath];
  let certificates: CertificateInfo[] | undefined;
  // Where the encoding is in doubt, each reading is scanned; a secret both find is reported once.
  const seen = new Set<string>();
  for (const encoding of readings) {
    const found = scanReading(path, content, encoding, ruleset, { ...settings, stop });
    for (const f of found.findings) {
      const key = `${f.ruleId}\0${f.rawSecret}`;
      if (readings.length > 1 && seen.has(key)) continue;
      seen.add(key);
      findings.push(f);
    }
    if (found.certificates?.length) (certificates ??= []).push(...found.certificates);
    if (stop?.stoppedIn) break;
  }
  return {
    findings,
    bytes: content.length,
    ...(certificates?.length ? { certificates } : {}),
    ...(stop?.stoppedIn ? { skipped: stoppedPartWay(path, 'timeout', `rule ${stop.stoppedIn} ran over ${settings.timeLimitMs} ms`) } : {}),
  };
}

/**
 * One reading of the bytes: the byte prefilter first (UTF-8), so a file without a keyword is never
 * decoded; ASCII text reuses the byte hits as text offsets.
 */
function scanReading(
  path: string,
  content: Buffer,
  encoding: Encoding,
  ruleset: Ruleset,
  settings: DetectOptions,
): { findings: Finding[]; certificates?: CertificateInfo[] } {
  let hits: number[] | undefined;
  let certificateMark = false;
  if (encoding === 'utf8') {
    const found = ruleset.keywordIndex.scan(content);
    certificateMark = hasKeyword(found, ruleset.certificateKeywords);
    hits = gateHits(content, found, ruleset, path);
    // Rules without keywords read every file their paths allow; a file none of them applies to needs a hit.
    if (!hits.length && !certificateMark && !ruleset.unkeyed.some(pathFilter(ruleset, path))) return { findings: [] };
  }
  // All-ASCII text (most code) is read straight from the buffer: windows become strings on demand.
  let text: TextLike;
  let hasCertificate: boolean;
  let view: Utf8Text | undefined;
  if (hits && isAscii(content)) {
    text = new AsciiText(content);
    hasCertificate = certificateMark;
  } else if ((view = hits ? Utf8Text.from(content) : undefined)) {
    // Valid UTF-8, mostly ASCII: read through a view too, with the decoded text's offsets.
    hits = view.unitOffsets(content, hits!);
    text = view;
    hasCertificate = certificateMark;
  } else {
    const decoded = decodeAs(content, encoding);
    if (hits && decoded.length !== content.length) hits = utf8OffsetsToText(content, hits, decoded.length);
    text = decoded;
    hasCertificate = mayHoldCertificate(decoded);
  }
  const certificates = hasCertificate ? certificatesIn(text.slice()) : undefined;
  return { findings: detect(text, path, ruleset, settings, hits), ...(certificates?.length ? { certificates } : {}) };
}

/** Whether the flat (offset, keyword) pairs hold a hit of one of `keywords`. */
function hasKeyword(hits: number[], keywords: ReadonlySet<number>): boolean {
  for (let i = 1; i < hits.length; i += 2) if (keywords.has(hits[i])) return true;
  return false;
}

/**
 * Drops keyword hits that no rule would act on: when every rule of a keyword has a
 * `keywordFollowedBy` gate and none accepts what follows the hit (checked on the raw bytes), the
 * hit is noise, such as `token` in `this.tokens.shift()`. A file left without hits is never decoded.
 */
function gateHits(bytes: Buffer, hits: number[], ruleset: Ruleset, path: string): number[] {
  if (!hits.length) return hits;
  const kept: number[] = [];
  // Rules limited to other kinds of files (`paths`, `skipPaths`) do not keep a hit alive either.
  const appliesHere = pathFilter(ruleset, path);
  const following = new FollowingText(bytes, hits);
  for (let i = 0; i < hits.length; i += 2) {
    const keyword = hits[i + 1];
    const rules = ruleset.keywordRules[keyword];
    let accepted = false;
    let after: string | undefined;
    for (const index of rules) {
      if (!appliesHere(index)) continue;
      const gate = ruleset.rules[index].followedBy;
      if (!gate) {
        accepted = true;
        break;
      }
      const end = hits[i] + ruleset.keywordIndex.keywords[keyword].length;
      after ??= following.at(end, i);
      gate.lastIndex = 0;
      if (gate.test(after)) {
        accepted = true;
        break;
      }
    }
    if (accepted) kept.push(hits[i], keyword);
  }
  return kept;
}

/** Bytes decoded at a time for the gates: a few KB, so hits close together share one decoding. */
const FOLLOWING_BLOCK = 4096;
/** Room for the keyword of a later hit in a block (a longer keyword only costs that hit a fresh decoding). */
const LONGEST_KEYWORD = 64;

/**
 * The GATE_LOOKAHEAD bytes after a hit, as one-byte text, sliced from a block decoded once for the hits
 * in it: real code has ~3 keyword hits per KB (most of them rejected), and a copy per hit cost more
 * than the gates' regexes. A block reaches only as far as the last hit it serves needs (sparse hits no
 * longer decode kilobytes each: 178 of 348 MB allocated while scanning the benchmark tree were these
 * blocks), and never past FOLLOWING_BLOCK, so a large file is never one large string.
 */
class FollowingText {
  private block = '';
  private start = 0;

  /** `hits`: the ascending (offset, keyword) pairs whose following text is asked for. */
  constructor(
    private readonly bytes: Buffer,
    private readonly hits: readonly number[],
  ) {}

  /** The text after hit `i` (an index into `hits`) whose keyword ends at `offset`. */
  at(offset: number, i: number): string {
    const end = Math.min(this.bytes.length, offset + GATE_LOOKAHEAD);
    if (offset < this.start || end > this.start + this.block.length) {
      let last = i;
      while (last + 2 < this.hits.length && this.hits[last + 2] < offset + FOLLOWING_BLOCK) last += 2;
      this.start = offset;
      this.block = this.bytes.toString('latin1', offset, Math.min(this.bytes.length, Math.max(end, this.hits[last] + LONGEST_KEYWORD + GATE_LOOKAHEAD)));
    }
    return this.block.slice(offset - this.start, end - this.start);
  }
}

/**
 * Maps byte offsets of hits (ascending) to UTF-16 offsets in the decoded text, decoding as the UTF-8
 * decoder does: a valid sequence is one character (two units from 4 bytes), and each maximal invalid
 * subpart (a stray 0x93, a truncated sequence) is one U+FFFD. Counting lead bytes instead would slip
 * one unit per stray byte, and 40 Windows-1252 quotes would move a hit off its line. A BOM is not
 * part of the text.
 * @internal exported for tests and benchmarks only
 */
export function utf8OffsetsToText(bytes: Buffer, hits: number[], textLength: number): number[] {
  const out = hits.slice();
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let units = 0;
  let at = bom;
  for (let i = 0; i < out.length; i += 2) {
    const target = out[i];
    while (at < target) {
      const length = utf8SequenceAt(bytes, at);
      // A sequence never straddles a hit, which starts at an ASCII byte.
      units += length === 4 ? 2 : 1;
      at += length > 0 ? length : -length;
    }
    out[i] = Math.min(units, textLength);
  }
  return out;
}

/** Bytes of the character at `at`: n for a valid n-byte sequence, -k for k bytes decoded as one U+FFFD. */
function utf8SequenceAt(bytes: Buffer, at: number): number {
  const lead = bytes[at];
  if (lead < 0x80) return 1;
  let need: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) need = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    need = 2;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    need = 3;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    const b = bytes[at + k];
    if (b === undefined || b < low || b > high) return -k;
    low = 0x80;
    high = 0xbf;
  }
  return need + 1;
}
