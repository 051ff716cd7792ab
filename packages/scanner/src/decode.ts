/**
 * Bytes → text: BOM-aware (UTF-8, UTF-16 LE/BE), UTF-16 without a BOM recognised by its NUL pattern,
 * binary files recognised by other NUL bytes.
 */
import { isAscii } from 'node:buffer';

export type Decoded = { text: string; encoding: 'utf8' | 'utf16le' | 'utf16be' } | { binary: true };

const SNIFF_BYTES = 8192;

export function decodeContent(bytes: Uint8Array): Decoded {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding: 'utf16be' };
  }
  const sniff = buf.subarray(0, SNIFF_BYTES);
  const bomless = utf16WithoutBom(sniff);
  if (bomless === 'utf16le') return { text: buf.subarray(0, buf.length & ~1).toString('utf16le'), encoding: 'utf16le' };
  if (bomless === 'utf16be') {
    const swapped = Buffer.from(buf.subarray(0, buf.length & ~1));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding: 'utf16be' };
  }
  if (sniff.includes(0)) return { binary: true };
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  // Pure ASCII (most code) decodes to a one-byte string, on which V8's regexes run fastest.
  if (start === 0 && isAscii(buf)) return { text: buf.toString('latin1'), encoding: 'utf8' };
  return { text: buf.toString('utf8', start), encoding: 'utf8' };
}

/**
 * UTF-16 text without a BOM (what some Windows tools write): in the sniffed bytes, nearly every code
 * unit is printable ASCII with its high byte zero, so NULs fill one half of the byte positions and
 * text the other. Binary data has NULs too, but not in that shape.
 */
export function utf16WithoutBom(sniff: Uint8Array): 'utf16le' | 'utf16be' | undefined {
  const units = sniff.length >> 1;
  if (units < 4) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i + 1 < sniff.length; i += 2) {
    const a = sniff[i];
    const b = sniff[i + 1];
    if (b === 0 && isTextByte(a)) le++;
    else if (a === 0 && isTextByte(b)) be++;
  }
  // Most code units ASCII, the rest anything but NUL-NUL (accented letters, CJK): still text.
  if (le >= units * 0.7 && !hasNulUnit(sniff)) return 'utf16le';
  if (be >= units * 0.7 && !hasNulUnit(sniff)) return 'utf16be';
  return undefined;
}

const isTextByte = (byte: number) => (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d;

function hasNulUnit(sniff: Uint8Array): boolean {
  for (let i = 0; i + 1 < sniff.length; i += 2) if (sniff[i] === 0 && sniff[i + 1] === 0) return true;
  return false;
}
