/**
 * A view of valid UTF-8 that is mostly ASCII (minified bundles, generated typings with a few
 * non-ASCII characters), read with the offsets of its decoded string (UTF-16 code units) without
 * decoding it: only the windows the engine asks for become strings. Decoding a whole such file costs
 * more than everything else the engine does with it (V8 decodes UTF-8 at ~150 MB/s, to a string of
 * twice the size), and most of its bytes are never looked at.
 *
 * The index lists each non-ASCII character: where it starts in the bytes and how many fewer code
 * units than bytes came before it. Every method returns exactly what the same call on
 * `bytes.toString('utf8')` would (a BOM is not part of the text), surrogate halves included.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { TextLike } from './text.js';

/** Files where more than one byte in this many starts a non-ASCII character are decoded instead. */
const MAX_NON_ASCII_SHARE = 16;
/** ASCII blocks are skipped with one native check each. */
const BLOCK = 4096;

export class Utf8Text implements TextLike {
  readonly length: number;
  /** Per non-ASCII character: its byte offset, its byte length, and the code-unit offset it starts at. */
  private readonly at: Int32Array;
  private readonly size: Uint8Array;
  private readonly unit: Int32Array;
  private readonly count: number;
  /** The last character found by `charAtOrBefore`: reads walk forwards or backwards from it. */
  private cursor = 0;

  private constructor(
    private readonly bytes: Buffer,
    at: Int32Array,
    size: Uint8Array,
    unit: Int32Array,
    count: number,
    length: number,
  ) {
    this.at = at;
    this.size = size;
    this.unit = unit;
    this.count = count;
    this.length = length;
  }

  /** The view, or undefined when `content` is not valid UTF-8 or too little of it is ASCII. */
  static from(content: Buffer): Utf8Text | undefined {
    if (!isUtf8(content)) return undefined;
    const bom = content.length >= 3 && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0;
    const bytes = content.subarray(bom);
    const limit = Math.ceil(bytes.length / MAX_NON_ASCII_SHARE);
    let at = new Int32Array(64);
    let size = new Uint8Array(64);
    let unit = new Int32Array(64);
    let count = 0;
    let saved = 0; // bytes minus code units before the current position
    for (let block = 0; block < bytes.length; block += BLOCK) {
      let i = block;
      // A character that started in the previous block ends in this one.
      if (count && at[count - 1] + size[count - 1] > i) i = at[count - 1] + size[count - 1];
      const end = Math.min(bytes.length, block + BLOCK);
      if (i >= end || isAscii(bytes.subarray(i, end))) continue;
      for (; i < end; i++) {
        const lead = bytes[i];
        if (lead < 0x80) continue;
        if (count === limit) return undefined;
        if (count === at.length) [at, size, unit] = [grow(at), grow(size), grow(unit)];
        const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
        at[count] = i;
        size[count] = length;
        unit[count] = i - saved;
        count++;
        saved += length - (length === 4 ? 2 : 1);
        i += length - 1;
      }
    }
    return new Utf8Text(bytes, at, size, unit, count, bytes.length - saved);
  }

  /** Code-unit offsets of byte offsets in `content` (ascending, each at an ASCII byte), as the decoded text has them. */
  unitOffsets(content: Buffer, byteOffsets: number[]): number[] {
    const bom = content.length - this.bytes.length;
    const out = byteOffsets.slice();
    let k = -1;
    for (let i = 0; i < out.length; i += 2) {
      const b = out[i] - bom;
      while (k + 1 < this.count && this.at[k + 1] < b) k++;
      out[i] = Math.min(this.length, k < 0 ? b : this.unit[k] + this.units(k) + (b - this.at[k] - this.size[k]));
    }
    return out;
  }

  charCodeAt(index: number): number {
    if (!(index >= 0 && index < this.length)) return NaN;
    const k = this.charAtOrBefore(index);
    if (k < 0) return this.bytes[index];
    const start = this.unit[k];
    if (index < start + this.units(k)) return this.codeUnit(k, index - start);
    return this.bytes[this.at[k] + this.size[k] + (index - start - this.units(k))];
  }

  slice(start = 0, end = this.length): string {
    const from = clamp(start, this.length);
    const to = clamp(end, this.length);
    if (to <= from) return '';
    if (from === 0 && to === this.length) return this.bytes.toString('utf8');
    // A boundary inside a 4-byte character (between its surrogates) keeps that half, as String#slice does.
    let prefix = '';
    let suffix = '';
    let byteFrom: number;
    let byteTo: number;
    const first = this.charAtOrBefore(from);
    if (first >= 0 && from === this.unit[first] + 1 && this.size[first] === 4) {
      prefix = this.bytes.toString('utf8', this.at[first], this.at[first] + 4).slice(1);
      if (to === from + 1) return prefix;
      byteFrom = this.at[first] + 4;
    } else byteFrom = this.byteAt(from, first);
    const last = this.charAtOrBefore(to);
    if (last >= 0 && to === this.unit[last] + 1 && this.size[last] === 4) {
      suffix = this.bytes.toString('utf8', this.at[last], this.at[last] + 4).slice(0, 1);
      byteTo = this.at[last];
    } else byteTo = this.byteAt(to, last);
    return prefix + this.bytes.toString('utf8', byteFrom, byteTo) + suffix;
  }

  /** Code unit `half` (0, or 1 for a low surrogate) of non-ASCII character k, decoded from its bytes (valid UTF-8). */
  private codeUnit(k: number, half: number): number {
    const b = this.bytes;
    const i = this.at[k];
    if (this.size[k] === 2) return ((b[i] & 0x1f) << 6) | (b[i + 1] & 0x3f);
    if (this.size[k] === 3) return ((b[i] & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
    const above = (((b[i] & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f)) - 0x10000;
    return half === 0 ? 0xd800 + (above >> 10) : 0xdc00 + (above & 0x3ff);
  }

  /** Code units of non-ASCII character k (2 for a 4-byte character: a surrogate pair). */
  private units(k: number): number {
    return this.size[k] === 4 ? 2 : 1;
  }

  /** The byte offset of code-unit offset `index`, which starts a character; `k` is charAtOrBefore(index). */
  private byteAt(index: number, k: number): number {
    if (k < 0) return index;
    if (index === this.unit[k]) return this.at[k];
    return this.at[k] + this.size[k] + (index - this.unit[k] - this.units(k));
  }

  /** The last non-ASCII character starting at or before code unit `index`, or -1. */
  private charAtOrBefore(index: number): number {
    const { unit, count } = this;
    if (!count || index < unit[0]) return -1;
    const k = this.cursor;
    // Reads walk forwards or backwards from the previous one: step from there, else search.
    if (unit[k] <= index && (k + 1 === count || unit[k + 1] > index)) return k;
    if (k + 1 < count && unit[k + 1] <= index && (k + 2 === count || unit[k + 2] > index)) return (this.cursor = k + 1);
    if (k > 0 && unit[k - 1] <= index && unit[k] > index) return (this.cursor = k - 1);
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (unit[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return (this.cursor = lo);
  }
}

const clamp = (offset: number, length: number) => {
  const n = Math.trunc(offset) || 0;
  return n < 0 ? Math.max(0, length + n) : Math.min(n, length);
};

function grow<T extends Int32Array | Uint8Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
