// AssemblyScript source of the keyword prefilter's inner loop (compiled by scripts/build-wasm.mjs).
// It reports every position where the 3 bytes there are a keyword anchor, in any case spelling;
// the caller then checks whole keywords at those positions, which are rare in real code.
//
// Memory layout (fixed; the caller writes the table and the input through the exported memory):
//   [TABLE_OFFSET, +16 MB)   one byte per 3-byte window b0 | b1 << 8 | b2 << 16: non-zero for anchors
//   [INPUT_OFFSET, +INPUT_CAPACITY + INPUT_PADDING)   the bytes to search
//   [OUT_OFFSET, +OUT_CAPACITY * 4)   window starts found by the last call (u32)
// A byte table costs one masked load per window. It is 16 MB of address space, but only pages that
// hold anchors are ever written: lookups elsewhere read the kernel's shared zero page.

export const TABLE_OFFSET: u32 = 0;
export const INPUT_OFFSET: u32 = 1 << 24;
export const INPUT_CAPACITY: u32 = 1 << 20;
/** Bytes after the input that 8-byte loads may touch (their values never matter). */
export const INPUT_PADDING: u32 = 16;
export const OUT_OFFSET: u32 = INPUT_OFFSET + INPUT_CAPACITY + INPUT_PADDING;
export const OUT_CAPACITY: u32 = 1 << 14;

/** Where the last call stopped: the next window start to search (`length - 2` once done). */
export let next: u32 = 0;

// Only the low 24 bits of `w` (three input bytes) pick the table entry.
// @ts-ignore: decorator
@inline function anchorAt(w: u32): u32 {
  return load<u8>(TABLE_OFFSET + (w & 0xffffff));
}

/**
 * Searches window starts `from` .. `length - 3` of the input, writing anchor positions to OUT; stops
 * early when OUT is full (`next` says where to resume). Returns how many positions it wrote.
 */
export function scan(length: u32, from: u32): u32 {
  let count: u32 = 0;
  let p = from;
  if (length < 3) {
    next = length;
    return 0;
  }
  const end = length - 2; // one past the last window start
  const room = OUT_CAPACITY - 8;
  // Eight windows per step from two overlapping 8-byte loads, and one branch when none is an anchor.
  while (p + 8 <= end && count <= room) {
    const a = load<u64>(INPUT_OFFSET + p);
    const b = load<u64>(INPUT_OFFSET + p + 4);
    const w0 = <u32>a;
    const w1 = <u32>(a >> 8);
    const w2 = <u32>(a >> 16);
    const w3 = <u32>(a >> 24);
    const w4 = <u32>b;
    const w5 = <u32>(b >> 8);
    const w6 = <u32>(b >> 16);
    const w7 = <u32>(b >> 24);
    if (anchorAt(w0) | anchorAt(w1) | anchorAt(w2) | anchorAt(w3) | anchorAt(w4) | anchorAt(w5) | anchorAt(w6) | anchorAt(w7)) {
      const out = OUT_OFFSET + (count << 2);
      let n: u32 = 0;
      if (anchorAt(w0)) store<u32>(out + (n++ << 2), p);
      if (anchorAt(w1)) store<u32>(out + (n++ << 2), p + 1);
      if (anchorAt(w2)) store<u32>(out + (n++ << 2), p + 2);
      if (anchorAt(w3)) store<u32>(out + (n++ << 2), p + 3);
      if (anchorAt(w4)) store<u32>(out + (n++ << 2), p + 4);
      if (anchorAt(w5)) store<u32>(out + (n++ << 2), p + 5);
      if (anchorAt(w6)) store<u32>(out + (n++ << 2), p + 6);
      if (anchorAt(w7)) store<u32>(out + (n++ << 2), p + 7);
      count += n;
    }
    p += 8;
  }
  while (p < end && count < OUT_CAPACITY) {
    if (anchorAt(load<u32>(INPUT_OFFSET + p))) {
      store<u32>(OUT_OFFSET + (count << 2), p);
      count++;
    }
    p++;
  }
  next = p;
  return count;
}
