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
  const walk = new HashWalk(wanted);
  if (!wanted.size) return walk.out;
  const n = text.length;
  for (let i = 0; i < n && walk.out.size < wanted.size; i++) walk.process(text.charCodeAt(i));
  if (walk.out.size < wanted.size) walk.finish();
  return walk.out;
}

/**
 * The rolling hash's state. It runs once per character up to the last wanted line, so it keeps its
 * state in fields (not closure variables), allocates nothing per character, and takes "mod 2^32"
 * as `>>> 0` (exact: every intermediate is an integer below 2^53).
 */
class HashWalk {
  readonly out = new Map<number, string>();
  private readonly lineNumbers = new Int32Array(BLOCK).fill(-1);
  private readonly window = new Int32Array(BLOCK);
  private readonly counts = new Map<string, number>();
  private hi = 0;
  private lo = 0;
  private index = 0;
  private lineNumber = 0;
  private lineStart = true;
  private prevCR = false;

  constructor(private readonly wanted: Set<number>) {}

  process(input: number): void {
    let code = input;
    if (code === 32 || code === 9 || (this.prevCR && code === 10)) {
      this.prevCR = false;
      return;
    }
    if (code === 13) {
      code = 10;
      this.prevCR = true;
    } else this.prevCR = false;
    if (this.lineNumbers[this.index] !== -1) this.emit();
    if (this.lineStart) {
      this.lineStart = false;
      this.lineNumbers[this.index] = ++this.lineNumber;
    }
    if (code === 10) this.lineStart = true;
    this.update(code);
  }

  /** The end of the text: the last lines' hashes, over the window padded with zeros. */
  finish(): void {
    this.process(65535);
    for (let i = 0; i < BLOCK; i++) {
      if (this.lineNumbers[this.index] !== -1) this.emit();
      this.update(0);
    }
  }

  private emit(): void {
    const value = hex(this.hi, this.lo);
    const n = (this.counts.get(value) ?? 0) + 1;
    this.counts.set(value, n);
    const line = this.lineNumbers[this.index];
    if (this.wanted.has(line)) this.out.set(line, `${value}:${n}`);
    this.lineNumbers[this.index] = -1;
  }

  /** hash = hash * 37 + code - FIRST * oldest   (mod 2^64) */
  private update(code: number): void {
    const oldest = this.window[this.index];
    this.window[this.index] = code;
    const low = this.lo * 37 + code;
    let lo = low >>> 0;
    let hi = (this.hi * 37 + (low - lo) / TWO32) >>> 0;
    if (oldest) {
      const subLow = FIRST_LO * oldest;
      const subLo = subLow >>> 0;
      const subHi = (FIRST_HI * oldest + (subLow - subLo) / TWO32) >>> 0;
      const diff = lo - subLo;
      lo = diff >>> 0;
      hi = (hi - subHi - (diff < 0 ? 1 : 0)) >>> 0;
    }
    this.lo = lo;
    this.hi = hi;
    this.index = this.index === BLOCK - 1 ? 0 : this.index + 1;
  }
}
