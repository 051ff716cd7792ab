// The keyword prefilter as it was before the WebAssembly inner loop (commit b30c2b8), kept unchanged
// as the reference the equivalence test compares the current prefilter against.
/**
 * The keyword prefilter over raw bytes. One pass keeps the last three bytes as a 24-bit number and
 * looks it up in a table of every keyword's first three bytes (in both cases); only there is the
 * whole keyword compared. Two-character keywords are found with Buffer.indexOf. In V8 this runs
 * several times faster than a case-insensitive regex alternation of all keywords, and a file with no
 * hit is never decoded to text at all.
 */
import { TRIGRAM_PPM } from '../src/detect/prefilter/trigram-frequency.js';

const LOWER = (() => {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) table[i] = i >= 65 && i <= 90 ? i + 32 : i;
  return table;
})();

const caseVariants = (byte: number): number[] => (byte >= 97 && byte <= 122 ? [byte, byte - 32] : [byte]);

/** The offset of the keyword's rarest 3-byte window in real code: the fewer false starts, the fewer checks. */
function anchorOffset(keyword: Uint8Array): number {
  let best = 0;
  let bestFrequency = Infinity;
  for (let o = 0; o + 3 <= keyword.length; o++) {
    const frequency = TRIGRAM_PPM[String.fromCharCode(keyword[o], keyword[o + 1], keyword[o + 2])] ?? 0;
    if (frequency < bestFrequency) {
      best = o;
      bestFrequency = frequency;
    }
  }
  return best;
}

export class ReferenceKeywordIndex {
  /** Lower-cased keywords, as bytes. */
  readonly keywords: Uint8Array[];
  /**
   * 16 MB: one byte per possible 3-byte anchor; worth it for a branch-light inner loop. Worker threads
   * share one copy (a SharedArrayBuffer) instead of building their own.
   */
  readonly prefixes: Uint8Array;
  /** Lower-cased anchor window → keywords (and the anchor's offset in each). */
  private readonly byPrefix = new Map<number, Array<{ index: number; offset: number }>>();
  /** Two-character keywords in every case spelling, with their keyword index. */
  private readonly short: Array<{ bytes: Buffer; index: number }> = [];

  constructor(keywords: string[], sharedTable?: SharedArrayBuffer) {
    this.prefixes = sharedTable ? new Uint8Array(sharedTable) : new Uint8Array(1 << 24);
    this.keywords = keywords.map((k) => Buffer.from(k.toLowerCase(), 'latin1'));
    this.keywords.forEach((k, index) => {
      if (k.length < 3) {
        for (const a of caseVariants(k[0])) for (const b of caseVariants(k[1])) this.short.push({ bytes: Buffer.from([a, b]), index });
        return;
      }
      const offset = anchorOffset(k);
      const key = (k[offset] << 16) | (k[offset + 1] << 8) | k[offset + 2];
      this.byPrefix.set(key, [...(this.byPrefix.get(key) ?? []), { index, offset }]);
      for (const a of caseVariants(k[offset]))
        for (const b of caseVariants(k[offset + 1])) for (const c of caseVariants(k[offset + 2])) this.prefixes[(a << 16) | (b << 8) | c] = 1;
    });
  }

  /** Every occurrence of every keyword as flat (offset, keyword index) pairs, in offset order. */
  scan(bytes: Uint8Array): number[] {
    const hits: number[] = [];
    const n = bytes.length;
    const prefixes = this.prefixes;
    let window = n >= 2 ? (bytes[0] << 8) | bytes[1] : 0;
    for (let i = 2; i < n; i++) {
      window = ((window << 8) | bytes[i]) & 0xffffff;
      if (prefixes[window] !== 0) this.verify(bytes, i - 2, hits);
    }
    // Anchors in the middle of keywords report hits slightly out of order: restore offset order.
    if (this.short.length) this.scanShort(bytes, hits);
    else sortPairs(hits);
    return hits;
  }

  /** `at` is where a 3-byte anchor matched: check each keyword anchored there, in full. */
  private verify(bytes: Uint8Array, at: number, hits: number[]): void {
    const key = (LOWER[bytes[at]] << 16) | (LOWER[bytes[at + 1]] << 8) | LOWER[bytes[at + 2]];
    const candidates = this.byPrefix.get(key);
    if (!candidates) return;
    for (const { index, offset } of candidates) {
      const keyword = this.keywords[index];
      const start = at - offset;
      if (start < 0 || start + keyword.length > bytes.length) continue;
      let j = 0;
      while (j < keyword.length && LOWER[bytes[start + j]] === keyword[j]) j++;
      if (j === keyword.length) hits.push(start, index);
    }
  }

  private scanShort(bytes: Uint8Array, hits: number[]): void {
    sortPairs(hits);
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const found: number[] = [];
    for (const { bytes: needle, index } of this.short) {
      for (let at = buffer.indexOf(needle); at >= 0; at = buffer.indexOf(needle, at + 1)) found.push(at, index);
    }
    if (!found.length) return;
    // Merge into offset order, which window building relies on.
    const merged: Array<[number, number]> = [];
    for (let i = 0; i < hits.length; i += 2) merged.push([hits[i], hits[i + 1]]);
    for (let i = 0; i < found.length; i += 2) merged.push([found[i], found[i + 1]]);
    merged.sort((a, b) => a[0] - b[0]);
    hits.length = 0;
    for (const [offset, index] of merged) hits.push(offset, index);
  }
}

/** Sorts flat (offset, keyword) pairs by offset, in place; usually already sorted. */
function sortPairs(hits: number[]): void {
  let sorted = true;
  for (let i = 2; i < hits.length; i += 2) {
    if (hits[i] < hits[i - 2]) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < hits.length; i += 2) pairs.push([hits[i], hits[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  hits.length = 0;
  for (const [offset, index] of pairs) hits.push(offset, index);
}
