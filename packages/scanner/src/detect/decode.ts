/**
 * Bytes → text: BOM-aware (UTF-8, UTF-16 LE/BE), UTF-16 without a BOM recognised by its NUL pattern,
 * binary files recognised by NUL bytes in what is no valid text; both readings where in doubt.
 */
import { isAscii, isUtf8 } from 'node:buffer';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be';
export type Decoded = { text: string; encoding: Encoding } | { binary: true };

/** Bytes looked at to tell text from binary. */
const SNIFF_BYTES = 8192;

const hasUtf16Bom = (buf: Uint8Array) => buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));

/**
 * The readings to scan, decided by validity rather than by the first bytes alone (issue #21): a
 * UTF-16 BOM or the NUL pattern of BOM-less UTF-16 in the first 8 KB is a claim the rest of the
 * bytes must bear out; where they do not (a BOM before plain UTF-8, `#\0` repeated before a UTF-8
 * secret), both readings are scanned. NULs in text that is otherwise valid UTF-8 (a stray `\0` in a
 * config file, with no other control bytes) do not make it binary; binary is what no reading
 * decodes. The first reading is the one positions in caches refer to.
 */
export function readingsOf(buf: Uint8Array): Encoding[] | 'binary' {
  if (hasUtf16Bom(buf)) {
    const claimed = buf[0] === 0xff ? 'utf16le' : 'utf16be';
    return utf16Throughout(buf.subarray(2), claimed) || !isUtf8(buf.subarray(2)) ? [claimed] : [claimed, 'utf8'];
  }
  const sniff = buf.subarray(0, SNIFF_BYTES);
  if (!sniff.includes(0)) return ['utf8'];
  const utf16 = utf16WithoutBom(sniff);
  if (utf16) return utf16Throughout(buf, utf16) ? [utf16] : [utf16, 'utf8'];
  return isUtf8(buf) && nulCount(buf) * MAX_NUL_SHARE <= buf.length && !hasControlBytes(sniff) ? ['utf8'] : 'binary';
}

/**
 * The first reading (or binary): the one test of text against binary, for files and blobs alike.
 * @internal exported for tests only
 */
export function sniffEncoding(buf: Uint8Array): Encoding | 'binary' {
  const readings = readingsOf(buf);
  return readings === 'binary' ? readings : readings[0];
}

export function decodeContent(bytes: Uint8Array): Decoded {
  const encoding = sniffEncoding(bytes);
  if (encoding === 'binary') return { binary: true };
  return { text: decodeAs(bytes, encoding), encoding };
}

/** The bytes read in one encoding (a BOM of that encoding is not part of the text). */
export function decodeAs(bytes: Uint8Array, encoding: Encoding): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding !== 'utf8') {
    // Whole code units after the BOM: a stray last byte is not part of the text.
    const start = hasUtf16Bom(buf) && (buf[0] === 0xff) === (encoding === 'utf16le') ? 2 : 0;
    const units = buf.subarray(start, start + ((buf.length - start) & ~1));
    if (encoding === 'utf16le') return units.toString('utf16le');
    const swapped = Buffer.from(units);
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  // Pure ASCII (most code) decodes to a one-byte string, on which V8's regexes run fastest.
  if (start === 0 && isAscii(buf)) return buf.toString('latin1');
  return buf.toString('utf8', start);
}

/** At most one byte in this many may be NUL for UTF-8 text with NULs to be read as text. */
const MAX_NUL_SHARE = 10;
/** A run of this many code units without the UTF-16 pattern (32 bytes: a line holding a secret) breaks the claim. */
const UTF16_BREAK_UNITS = 16;

/** Control bytes other than NUL and the whitespace and escape text uses: binary data has them, text with a stray NUL does not. */
function hasControlBytes(sniff: Uint8Array): boolean {
  for (const b of sniff) if ((b > 0 && b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) return true;
  return false;
}

function nulCount(buf: Uint8Array): number {
  let n = 0;
  for (let i = buf.indexOf(0); i >= 0; i = buf.indexOf(0, i + 1)) n++;
  return n;
}

/**
 * Whether the UTF-16 reading holds for the whole text, not only its start: no run of 16 code units
 * without a zero high byte (UTF-8 text, or text in other scripts: then the UTF-8 reading is scanned
 * as well, a cost, never a miss).
 */
function utf16Throughout(buf: Uint8Array, encoding: 'utf16le' | 'utf16be'): boolean {
  const zeroAt = encoding === 'utf16le' ? 1 : 0;
  let run = 0;
  for (let i = 0; i + 1 < buf.length; i += 2) {
    if (buf[i + zeroAt] === 0) run = 0;
    else if (++run >= UTF16_BREAK_UNITS) return false;
  }
  return true;
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
