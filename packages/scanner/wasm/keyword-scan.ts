// AssemblyScript source of the keyword prefilter's pass (compiled by scripts/build-wasm.mjs). It finds
// every keyword occurrence, in any case spelling, in one pass: a 3-byte window that is some keyword's
// anchor (its rarest 3 bytes) is looked up in a hash table of anchors, and each keyword anchored there
// is compared in full. Only whole keywords come back to JavaScript, whatever the number of keywords
// (anchors in real code are about five times as frequent as keywords).
//
// Memory layout (fixed; the caller writes the tables and the input through the exported memory):
//   [TABLE_OFFSET, +16 MB)   one byte per 3-byte window b0 | b1 << 8 | b2 << 16: non-zero for anchors
//   [INPUT_OFFSET, +INPUT_REGION)   the bytes to search, with up to INPUT_CONTEXT bytes either side
//   [OUT_OFFSET, +OUT_CAPACITY * 8)   (start, keyword) pairs of keywords of 3+ bytes (u32, u32)
//   [SHORT_OUT_OFFSET, +OUT_CAPACITY * 8)   the same for two-byte keywords
//   [LOWER_OFFSET, +256)   ASCII lower-casing table
//   [SHORT_OFFSET, +128 KB)   two lower-cased bytes b0 << 8 | b1 → two-byte keyword index + 1 (u16)
//   [HASH_OFFSET, +HASH_SLOTS * 8)   lower-cased anchor + 1 (u32, 0: empty) → first candidate << 8 | count
//   [CANDIDATE_OFFSET, +CANDIDATE_CAPACITY * 12)   keyword index, keyword bytes' address, length << 16 | anchor offset
//   [KEYWORD_OFFSET, +KEYWORD_BYTES)   the lower-cased keywords' bytes
// A byte table costs one masked load per window. It is 16 MB of address space, but only pages that
// hold anchors are ever written: lookups elsewhere read the kernel's shared zero page.

export const TABLE_OFFSET: u32 = 0;
export const INPUT_OFFSET: u32 = 1 << 24;
/** The input searched per call: small, because every worker keeps these pages once a file has filled them. */
export const INPUT_CAPACITY: u32 = 1 << 16;
/** Bytes of input kept before and after the searched span, so keywords across it can be compared. */
export const INPUT_CONTEXT: u32 = 64;
/** Bytes after the input that 8-byte loads may touch (their values never matter). */
export const INPUT_PADDING: u32 = 16;
export const INPUT_REGION: u32 = INPUT_CAPACITY + 2 + 2 * INPUT_CONTEXT + INPUT_PADDING;
export const OUT_OFFSET: u32 = (INPUT_OFFSET + INPUT_REGION + 7) & ~7;
export const OUT_CAPACITY: u32 = 1 << 14;
export const SHORT_OUT_OFFSET: u32 = OUT_OFFSET + OUT_CAPACITY * 8;
export const LOWER_OFFSET: u32 = SHORT_OUT_OFFSET + OUT_CAPACITY * 8;
export const SHORT_OFFSET: u32 = LOWER_OFFSET + 256;
export const HASH_BITS: u32 = 14;
export const HASH_SLOTS: u32 = 1 << HASH_BITS;
export const HASH_OFFSET: u32 = SHORT_OFFSET + (1 << 17);
export const CANDIDATE_CAPACITY: u32 = 1 << 14;
export const CANDIDATE_OFFSET: u32 = HASH_OFFSET + HASH_SLOTS * 8;
export const KEYWORD_BYTES: u32 = 1 << 18;
export const KEYWORD_OFFSET: u32 = CANDIDATE_OFFSET + CANDIDATE_CAPACITY * 12;
export const MEMORY_END: u32 = KEYWORD_OFFSET + KEYWORD_BYTES;

/** Where the last call stopped: the next window start to search (`end` once done). */
export let next: u32 = 0;
/** Pairs the last call wrote to OUT and to SHORT_OUT. */
export let longCount: u32 = 0;
export let shortCount: u32 = 0;
/** The most keywords that share one anchor (set by the caller): the room one position may need. */
export let maxBucket: u32 = 1;

export function setMaxBucket(value: u32): void {
  maxBucket = value;
}

// Only the low 24 bits of `w` (three input bytes) pick the table entry.
// @ts-ignore: decorator
@inline function anchorAt(w: u32): u32 {
  return load<u8>(TABLE_OFFSET + (w & 0xffffff));
}

// @ts-ignore: decorator
@inline function lower(byte: u32): u32 {
  return load<u8>(LOWER_OFFSET + byte);
}

/** The hash table's entry for a lower-cased anchor, or 0 when no keyword is anchored on it. */
function bucketOf(key: u32): u32 {
  let slot = (key * 2654435761) >> (32 - HASH_BITS);
  while (true) {
    const stored = load<u32>(HASH_OFFSET + (slot << 3));
    if (stored === 0) return 0;
    if (stored === key + 1) return load<u32>(HASH_OFFSET + (slot << 3) + 4);
    slot = (slot + 1) & (HASH_SLOTS - 1);
  }
}

/**
 * Checks the keywords that could occur at anchor position `p` of an input of `length` bytes, writing
 * each one found; false (and nothing written) when OUT might not have room for them.
 */
function verify(p: u32, length: u32): bool {
  if (longCount + maxBucket > OUT_CAPACITY || shortCount + 1 > OUT_CAPACITY) return false;
  const input = INPUT_OFFSET;
  const b0 = lower(load<u8>(input + p));
  const b1 = lower(load<u8>(input + p + 1));
  const b2 = lower(load<u8>(input + p + 2));
  // A two-byte keyword at p + 1 makes the window at p an anchor, whatever byte p holds (the table marks
  // each such window: 256 neighbouring entries, one page): found here, in the same pass. The caller
  // checks position 0, which no window precedes.
  const short = <u32>load<u16>(SHORT_OFFSET + (((b1 << 8) | b2) << 1));
  if (short) {
    const out = SHORT_OUT_OFFSET + (shortCount << 3);
    store<u32>(out, p + 1);
    store<u32>(out + 4, short - 1);
    shortCount++;
  }
  const bucket = bucketOf((b0 << 16) | (b1 << 8) | b2);
  if (!bucket) return true;
  const first = bucket >> 8;
  const count = bucket & 0xff;
  for (let c: u32 = 0; c < count; c++) {
    const entry = CANDIDATE_OFFSET + (first + c) * 12;
    const shape = load<u32>(entry + 8);
    const offset = shape & 0xffff;
    const size = shape >> 16;
    if (p < offset || p - offset + size > length) continue;
    const start = p - offset;
    const bytes = load<u32>(entry + 4);
    let j: u32 = 0;
    while (j < size && lower(load<u8>(input + start + j)) === <u32>load<u8>(bytes + j)) j++;
    if (j === size) {
      const out = OUT_OFFSET + (longCount << 3);
      store<u32>(out, start);
      store<u32>(out + 4, load<u32>(entry));
      longCount++;
    }
  }
  return true;
}

/**
 * Searches window starts `from` .. `end - 1` of an input of `length` bytes, writing the keywords found
 * to OUT and SHORT_OUT (positions relative to the input); stops early when they may not have room for
 * the next position (`next` says where to resume).
 */
export function scan(length: u32, from: u32, end: u32): void {
  longCount = 0;
  shortCount = 0;
  let p = from;
  // Eight windows per step from two overlapping 8-byte loads, and one branch when none is an anchor.
  while (p + 8 <= end) {
    const a = load<u64>(INPUT_OFFSET + p);
    const b = load<u64>(INPUT_OFFSET + p + 4);
    if (
      anchorAt(<u32>a) |
      anchorAt(<u32>(a >> 8)) |
      anchorAt(<u32>(a >> 16)) |
      anchorAt(<u32>(a >> 24)) |
      anchorAt(<u32>b) |
      anchorAt(<u32>(b >> 8)) |
      anchorAt(<u32>(b >> 16)) |
      anchorAt(<u32>(b >> 24))
    ) {
      for (let q = p; q < p + 8; q++) {
        if (anchorAt(load<u32>(INPUT_OFFSET + q)) && !verify(q, length)) {
          next = q;
          return;
        }
      }
    }
    p += 8;
  }
  while (p < end) {
    if (anchorAt(load<u32>(INPUT_OFFSET + p)) && !verify(p, length)) {
      next = p;
      return;
    }
    p++;
  }
  next = end;
}

/** The `i`-th case spelling of a lower-cased byte: 0 itself, 1 its capital; -1 where it has no capital. */
// @ts-ignore: decorator
@inline function spelling(byte: u32, i: u32): i32 {
  if (i === 0) return <i32>byte;
  return byte >= 97 && byte <= 122 ? <i32>(byte - 32) : -1;
}

/** Any first byte, for `markWindows`. */
const ANY: i32 = -1;

/** Marks every window b0 b1 b2 in each case spelling (b0 ANY: all 256 first bytes, side by side). */
function markWindows(b0: i32, b1: u32, b2: u32): void {
  for (let j: u32 = 0; j < 2; j++) {
    const s1 = spelling(b1, j);
    if (s1 < 0) continue;
    for (let k: u32 = 0; k < 2; k++) {
      const s2 = spelling(b2, k);
      if (s2 < 0) continue;
      const tail = TABLE_OFFSET + ((<u32>s1 << 8) | (<u32>s2 << 16));
      if (b0 === ANY) {
        for (let c: u32 = 0; c < 256; c++) store<u8>(tail + c, 1);
        continue;
      }
      for (let i: u32 = 0; i < 2; i++) {
        const s0 = spelling(<u32>b0, i);
        if (s0 >= 0) store<u8>(tail + <u32>s0, 1);
      }
    }
  }
}

/**
 * Marks the anchor table from the hash and short tables the caller wrote: every 3-byte anchor in each
 * case spelling, and for a two-byte keyword every window that ends with it (any first byte: 256 entries
 * side by side). Done here, not in JavaScript: each worker fills its own table once, and a JavaScript
 * loop over the ~9,000 windows was long enough for V8 to optimize it (tens of ms of compiling per
 * worker for code that runs once).
 */
export function fillTable(): void {
  for (let slot: u32 = 0; slot < HASH_SLOTS; slot++) {
    const stored = load<u32>(HASH_OFFSET + (slot << 3));
    if (stored === 0) continue;
    const key = stored - 1;
    markWindows(<i32>(key >> 16), (key >> 8) & 0xff, key & 0xff);
  }
  for (let pair: u32 = 0; pair < 1 << 16; pair++) {
    if (load<u16>(SHORT_OFFSET + (pair << 1))) markWindows(ANY, pair >> 8, pair & 0xff);
  }
}
