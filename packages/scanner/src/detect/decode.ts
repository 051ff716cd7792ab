/**
 * Bytes → text: BOM-aware (UTF-8, UTF-16 LE/BE), UTF-16 without a BOM recognised by its NUL pattern,
 * binary files recognised by other NUL bytes.
 */
import { isAscii } from 'node:buffer';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be';
export type Decoded = { text: string; encoding: Encoding } | { binary: true };

/** Bytes looked at to tell text from binary. */
const SNIFF_BYTES = 8192;

const hasUtf16Bom = (buf: Uint8Array) => buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));

/**
 * What the bytes are: UTF-16 (a BOM, or the NUL pattern of BOM-less UTF-16), binary (other NULs
 * among the first 8 KB), else UTF-8. The one test of text against binary, for files and blobs alike.
 */
export function sniffEncoding(buf: Uint8Array): Encoding | 'binary' {
  if (hasUtf16Bom(buf)) return buf[0] === 0xff ? 'utf16le' : 'utf16be';
  const sniff = buf.subarray(0, SNIFF_BYTES);
  if (!sniff.includes(0)) return 'utf8';
  return utf16WithoutBom(sniff) ?? 'binary';
}

export function decodeContent(bytes: Uint8Array): Decoded {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const encoding = sniffEncoding(buf);
  if (encoding === 'binary') return { binary: true };
  if (encoding !== 'utf8') {
    // Whole code units after the BOM: a stray last byte is not part of the text.
    const start = hasUtf16Bom(buf) ? 2 : 0;
    const units = buf.subarray(start, start + ((buf.length - start) & ~1));
    if (encoding === 'utf16le') return { text: units.toString('utf16le'), encoding };
    const swapped = Buffer.from(units);
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding };
  }
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
function utf16WithoutBom(sniff: Uint8Array): 'utf16le' | 'utf16be' | undefined {
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
