/** Bytes → text: BOM-aware (UTF-8, UTF-16 LE/BE), binary files recognised by NUL bytes. */
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
  if (sniff.includes(0)) return { binary: true };
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  // Pure ASCII (most code) decodes to a one-byte string, on which V8's regexes run fastest.
  if (start === 0 && isAscii(buf)) return { text: buf.toString('latin1'), encoding: 'utf8' };
  return { text: buf.toString('utf8', start), encoding: 'utf8' };
}
