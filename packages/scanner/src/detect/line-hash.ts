/**
 * GitHub code scanning's `primaryLocationLineHash`: per line, a rolling base-37 hash (64-bit
 * wrap-around) of the next 100 characters, ignoring spaces and tabs, with CRLF/CR read as LF, and
 * `:<n>` counting repeats of the same hash. Re-implemented so uploads through the REST API carry it.
 *
 * The 64-bit value is kept as two 32-bit halves in doubles (every product stays below 2^53, so the
 * arithmetic is exact), and the walk stops once every wanted line has its hash.
 *
 * The hash is fast, so over the raw line it would let anyone holding a report test guesses for a
 * weak secret (the snippet shows the rest of the line). It is therefore taken over the line with
 * every found secret masked (`redactedLineHashes`): it moves with the code, never with the secret.
 */
import type { TextLike } from './text.js';

const BLOCK = 100;
const TWO32 = 4294967296;

/** 37^100 mod 2^64 as [high, low]. */
const [FIRST_HI, FIRST_LO] = (() => {
  let hi = 0;
  let lo = 1;
  for (let i = 0; i < BLOCK; i++) [hi, lo] = mulSmall(hi, lo, 37);
  return [hi, lo];
})();

function mulSmall(hi: number, lo: number, k: number): [number, number] {
  const low = lo * k;
  const carry = Math.floor(low / TWO32);
  return [(hi * k + carry) % TWO32, low % TWO32];
}

function hex(hi: number, lo: number): string {
  return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
}

/** A character that stands for each character of a secret. */
const MASK_CODE = 42; // '*'

/**
 * Line hashes of `text` read with every [start, end) span in `secrets` masked, so no hash depends on
 * a secret's characters (only on its length, which reports show anyway).
 */
export function redactedLineHashes(text: TextLike, wanted: Set<number>, secrets: ReadonlyArray<readonly [number, number]>): Map<number, string> {
  return lineHashes(new MaskedText(text, secrets), wanted);
}

/** `text` with spans masked; read front to back (as the hash walk does), each span is passed once. */
class MaskedText implements TextLike {
  readonly length: number;
  private readonly spans: ReadonlyArray<readonly [number, number]>;
  private next = 0;
  constructor(
    private readonly text: TextLike,
    secrets: ReadonlyArray<readonly [number, number]>,
  ) {
    this.length = text.length;
    this.spans = [...secrets].sort((a, b) => a[0] - b[0]);
  }
  charCodeAt(index: number): number {
    // Spans ending at or before index are behind the walk for good; an earlier index restarts the search.
    if (this.next > 0 && index < this.spans[this.next - 1][1]) this.next = 0;
    while (this.next < this.spans.length && this.spans[this.next][1] <= index) this.next++;
    for (let i = this.next; i < this.spans.length && this.spans[i][0] <= index; i++) if (index < this.spans[i][1]) return MASK_CODE;
    return this.text.charCodeAt(index);
  }
  slice(start = 0, end = this.length): string {
    let out = '';
    for (let i = start; i < end; i++) out += String.fromCharCode(this.charCodeAt(i));
    return out;
  }
}

/** Hashes for the requested 1-based lines of `text`. */
function lineHashes(text: TextLike, wanted: Set<number>): Map<number, string> {
  const out = new Map<number, string>();
  if (!wanted.size) return out;
  const lineNumbers = new Array<number>(BLOCK).fill(-1);
  const window = new Array<number>(BLOCK).fill(0);
  const counts = new Map<string, number>();
  let hi = 0;
  let lo = 0;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const emit = () => {
    const value = hex(hi, lo);
    const n = (counts.get(value) ?? 0) + 1;
    counts.set(value, n);
    if (wanted.has(lineNumbers[index])) out.set(lineNumbers[index], `${value}:${n}`);
    lineNumbers[index] = -1;
  };
  const update = (code: number) => {
    const oldest = window[index];
    window[index] = code;
    // hash = hash * 37 + code - FIRST * oldest   (mod 2^64)
    [hi, lo] = mulSmall(hi, lo, 37);
    lo += code;
    if (lo >= TWO32) {
      lo -= TWO32;
      hi = (hi + 1) % TWO32;
    }
    if (oldest) {
      const [subHi, subLo] = mulSmall(FIRST_HI, FIRST_LO, oldest);
      lo -= subLo;
      let borrow = 0;
      if (lo < 0) {
        lo += TWO32;
        borrow = 1;
      }
      hi = (((hi - subHi - borrow) % TWO32) + TWO32) % TWO32;
    }
    index = (index + 1) % BLOCK;
  };
  const process = (input: number) => {
    let code = input;
    if (code === 32 || code === 9 || (prevCR && code === 10)) {
      prevCR = false;
      return;
    }
    if (code === 13) {
      code = 10;
      prevCR = true;
    } else prevCR = false;
    if (lineNumbers[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (code === 10) lineStart = true;
    update(code);
  };
  for (let i = 0; i < text.length && out.size < wanted.size; i++) process(text.charCodeAt(i));
  if (out.size < wanted.size) {
    process(65535);
    for (let i = 0; i < BLOCK; i++) {
      if (lineNumbers[index] !== -1) emit();
      update(0);
    }
  }
  return out;
}
