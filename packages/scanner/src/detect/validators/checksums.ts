/** Checksum primitives used by token formats: CRC-32 (IEEE), Marvin32, and base-N encoders. */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as zlib computes it (reflected polynomial 0xEDB88320, init and xorout 0xFFFFFFFF). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Unsigned integer in a custom alphabet, most significant digit first, left-padded with alphabet[0]. */
export function encodeBase(value: number, alphabet: string, width: number): string {
  let out = '';
  let n = value;
  const base = alphabet.length;
  while (n > 0) {
    out = alphabet[n % base] + out;
    n = Math.floor(n / base);
  }
  return out.padStart(width, alphabet[0]);
}

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const BASE36_LOWER = '0123456789abcdefghijklmnopqrstuvwxyz';

const rotl = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0;

/**
 * Marvin32 (Microsoft's checksum for identifiable secrets): 64-bit seed split into two 32-bit
 * lanes, little-endian words, a 0x80 terminator, result = lane0 XOR lane1.
 */
export function marvin32(seed: bigint, data: Uint8Array): number {
  let p0 = Number(seed & 0xffffffffn) >>> 0;
  let p1 = Number((seed >> 32n) & 0xffffffffn) >>> 0;
  const mix = () => {
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 20);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 9);
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 27);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 19);
  };
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    p0 = (p0 + (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24))) >>> 0;
    mix();
  }
  let final = 0x80;
  const tail = data.length - whole;
  if (tail === 1) final = 0x8000 | data[whole];
  else if (tail === 2) final = 0x800000 | (data[whole + 1] << 8) | data[whole];
  else if (tail === 3) final = (0x80000000 | (data[whole + 2] << 16) | (data[whole + 1] << 8) | data[whole]) >>> 0;
  p0 = (p0 + final) >>> 0;
  mix();
  mix();
  return (p0 ^ p1) >>> 0;
}

/** An 8-character ASCII label read as a big-endian 64-bit seed ("Default0" → 0x44656661756c7430). */
export function labelSeed(label: string): bigint {
  let seed = 0n;
  for (const ch of label) seed = (seed << 8n) | BigInt(ch.charCodeAt(0));
  return seed;
}
