/**
 * The keyword prefilter over raw bytes. Each keyword is anchored on its rarest 3 bytes; one pass over
 * the input finds every position whose 3 bytes are an anchor (in any case spelling), and only there
 * is the whole keyword compared. The pass runs in WebAssembly (wasm-keyword-scan.ts, which compares the
 * keywords too) for inputs of a few KB and more once an index has searched 1 MB, and in JavaScript over
 * a 2 MB bitset otherwise (a pre-commit hook's files never pay to instantiate it); both report the same
 * hits in the same order.
 * Two-character keywords are anchors too (every window that starts with them), so all keywords,
 * however many, are found in that one pass. A file with no hit is never decoded.
 */
import { TRIGRAM_PPM } from './trigram-frequency.js';
import { WasmKeywordScan } from './wasm-keyword-scan.js';

const LOWER = (() => {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) table[i] = i >= 65 && i <= 90 ? i + 32 : i;
  return table;
})();

/** Each byte's case spellings: a lower-case ASCII letter and its capital, any other byte alone. */
const SPELLINGS: number[][] = Array.from({ length: 256 }, (_, byte) => (byte >= 97 && byte <= 122 ? [byte, byte - 32] : [byte]));
/** Any third byte: a two-byte keyword anchors every window it starts. */
const EVERY_BYTE: number[] = Array.from({ length: 256 }, (_, byte) => byte);

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

/** The anchor bitset: one bit per 3-byte window (shared by worker threads as a SharedArrayBuffer). */
export const PREFIX_TABLE_BYTES = 1 << 21;

/**
 * Inputs at least this long are searched in WebAssembly, once it is instantiated.
 * @internal exported for tests only
 */
export const WASM_MIN_BYTES = 4096;
/**
 * WebAssembly is instantiated once an index has searched this much: filling its table touches a few
 * hundred fresh pages (milliseconds), which a pre-commit hook's handful of files would notice.
 * @internal exported for tests only
 */
export const WASM_AFTER_BYTES = 1 << 20;

/** Which implementation of the pass to use: by input size (auto), or one of them always (tests). */
export type PrefilterEngine = 'auto' | 'wasm' | 'js';

export class KeywordIndex {
  /** Lower-cased keywords, as bytes. */
  readonly keywords: Uint8Array[];
  /**
   * Bit `b0 << 16 | b1 << 8 | b2` is set when the window of bytes b0 b1 b2 is an anchor in one of its
   * case spellings. 2 MB, first byte most significant: the bits of one anchor's spellings share a few
   * pages and a two-byte keyword's 256 windows share 32 bytes, so building it touches ~100 pages rather
   * than most of 512 (each a page fault at start-up), and windows sharing their first two bytes share 32
   * bytes, which keeps the JavaScript loop's lookups mostly in cache. Worker threads share one copy.
   */
  readonly anchors: Int32Array;
  /** Lower-cased anchor window (b0 << 16 | b1 << 8 | b2) → keywords (and the anchor's offset in each). */
  private readonly byPrefix = new Map<number, Array<{ index: number; offset: number }>>();
  /** Lower-cased two-character keyword (b0 << 8 | b1) → its keyword index + 1 (0: none). */
  private readonly short = new Int32Array(1 << 16);
  /** The two-character keywords' pairs (b0 << 8 | b1), so building the table visits them, not all 65,536. */
  private readonly shortPairs: number[] = [];
  private hasShort = false;
  private readonly shared: boolean;
  private wasm?: WasmKeywordScan | null;
  private searched = 0;

  constructor(
    keywords: string[],
    sharedTable?: SharedArrayBuffer,
    private readonly engine: PrefilterEngine = 'auto',
  ) {
    this.anchors = new Int32Array(sharedTable ?? new ArrayBuffer(PREFIX_TABLE_BYTES));
    this.shared = sharedTable !== undefined;
    // One buffer for all keywords, viewed per keyword: a Buffer per keyword cost a hook ~3 ms for 1,300 keywords.
    const lower = keywords.map((k) => k.toLowerCase());
    const all = Buffer.from(lower.join(''), 'latin1');
    let start = 0;
    // Plain views: a Buffer's subarray builds a Buffer through its species, ~1 µs each before the JIT.
    this.keywords = lower.map((k) => {
      const view = new Uint8Array(all.buffer, all.byteOffset + start, k.length);
      start += k.length;
      return view;
    });
    for (let index = 0; index < this.keywords.length; index++) {
      const k = this.keywords[index];
      if (k.length < 3) {
        // Anchored on every window it starts, whatever the third byte: found in the same pass.
        const pair = (k[0] << 8) | k[1];
        if (!this.short[pair]) this.shortPairs.push(pair);
        this.short[pair] = index + 1;
        this.hasShort = true;
        continue;
      }
      const offset = anchorOffset(k);
      const key = (k[offset] << 16) | (k[offset + 1] << 8) | k[offset + 2];
      const anchored = this.byPrefix.get(key);
      if (anchored) anchored.push({ index, offset });
      else this.byPrefix.set(key, [{ index, offset }]);
    }
    this.setAnchorBits();
    if (engine === 'wasm' && !this.wasmScan()) throw new Error('WebAssembly keyword prefilter unavailable');
  }

  /**
   * Sets the bit of every anchor window: each 3-byte anchor in all its case spellings, and every window
   * a two-byte keyword starts. Plain loops, no call per window: this runs once per start, before the
   * JIT, on a pre-commit hook's clock. Workers given the shared table set the same bits again
   * concurrently, atomically.
   */
  private setAnchorBits(): void {
    for (const key of this.byPrefix.keys()) this.setWindows(SPELLINGS[key >>> 16], SPELLINGS[(key >>> 8) & 0xff], SPELLINGS[key & 0xff]);
    if (!this.hasShort) return;
    for (const pair of this.shortPairs) this.setWindows(SPELLINGS[pair >>> 8], SPELLINGS[pair & 0xff], EVERY_BYTE);
  }

  /** Sets the bit of every window whose bytes are one of `first`, one of `second` and one of `third`. */
  private setWindows(first: number[], second: number[], third: number[]): void {
    const anchors = this.anchors;
    for (let i = 0; i < first.length; i++)
      for (let j = 0; j < second.length; j++) {
        const prefix = (first[i] << 16) | (second[j] << 8);
        for (let k = 0; k < third.length; k++) {
          const w = prefix | third[k];
          if (this.shared) Atomics.or(anchors, w >>> 5, 1 << (w & 31));
          else anchors[w >>> 5] |= 1 << (w & 31);
        }
      }
  }

  /** Every occurrence of every keyword as flat (offset, keyword index) pairs, in offset order. */
  scan(bytes: Uint8Array): number[] {
    const hits: number[] = [];
    const shortHits: number[] = [];
    this.searched += bytes.length;
    const wasm =
      this.engine === 'wasm' || (this.engine === 'auto' && bytes.length >= WASM_MIN_BYTES && this.searched >= WASM_AFTER_BYTES) ? this.wasmScan() : null;
    if (wasm) {
      // The WebAssembly pass finds a two-character keyword from the window before it: the first
      // position has none, so it is checked here (first, to keep the offsets in order).
      if (this.hasShort && bytes.length >= 2) this.verifyShort(bytes, 0, shortHits);
      wasm.scan(bytes, hits, shortHits);
    } else {
      this.scanAnchors(bytes, hits, shortHits);
      // The last two bytes start no 3-byte window: only a two-character keyword can start there.
      if (this.hasShort && bytes.length >= 2) this.verifyShort(bytes, bytes.length - 2, shortHits);
    }
    // Anchors in the middle of keywords report hits slightly out of order: restore offset order.
    sortPairs(hits);
    return shortHits.length ? mergePairs(hits, shortHits) : hits;
  }

  /** Whether the WebAssembly pass has been instantiated (by a large enough input). */
  get wasmInstantiated(): boolean {
    return Boolean(this.wasm);
  }

  private wasmScan(): WasmKeywordScan | null {
    if (this.wasm === undefined) this.wasm = WasmKeywordScan.create({ keywords: this.keywords, byAnchor: this.byPrefix, short: this.short });
    return this.wasm;
  }

  /** The JavaScript pass: a rolling 3-byte window looked up in the bitset. */
  private scanAnchors(bytes: Uint8Array, hits: number[], shortHits: number[]): void {
    const n = bytes.length;
    const anchors = this.anchors;
    let w = n >= 2 ? (bytes[0] << 8) | bytes[1] : 0;
    for (let i = 2; i < n; i++) {
      w = ((w << 8) | bytes[i]) & 0xffffff;
      // A shift by `w` uses its low 5 bits: the bit within the 32-bit word.
      if ((anchors[w >>> 5] >>> w) & 1) this.verify(bytes, i - 2, hits, shortHits);
    }
  }

  /** `at` is where a 3-byte anchor matched: check each keyword anchored there, in full. */
  private verify(bytes: Uint8Array, at: number, hits: number[], shortHits: number[]): void {
    if (this.hasShort) this.verifyShort(bytes, at, shortHits);
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

  private verifyShort(bytes: Uint8Array, at: number, shortHits: number[]): void {
    const index = this.short[(LOWER[bytes[at]] << 8) | LOWER[bytes[at + 1]]];
    if (index) shortHits.push(at, index - 1);
  }
}

/** Merges two offset-ordered pair lists; at equal offsets the longer keywords' hits come first. */
function mergePairs(hits: number[], shortHits: number[]): number[] {
  const merged = new Array<number>(hits.length + shortHits.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < hits.length || j < shortHits.length) {
    if (j >= shortHits.length || (i < hits.length && hits[i] <= shortHits[j])) {
      merged[k++] = hits[i++];
      merged[k++] = hits[i++];
    } else {
      merged[k++] = shortHits[j++];
      merged[k++] = shortHits[j++];
    }
  }
  return merged;
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
