/**
 * GitHub code scanning's `primaryLocationLineHash`: per line, a rolling base-37 hash (64-bit
 * wrap-around) of the next 100 characters, ignoring spaces and tabs, with CRLF/CR read as LF, and
 * `:<n>` counting repeats of the same hash. Re-implemented so uploads through the REST API carry it.
 */
const BLOCK = 100;
const MOD = 37n;
const MASK = (1n << 64n) - 1n;
const FIRST_MOD = (() => {
  let v = 1n;
  for (let i = 0; i < BLOCK; i++) v = (v * MOD) & MASK;
  return v;
})();

/** Hashes for the requested 1-based lines of `text`. */
export function lineHashes(text: string, wanted: Set<number>): Map<number, string> {
  const out = new Map<number, string>();
  const lineNumbers = new Array<number>(BLOCK).fill(-1);
  const window = new Array<number>(BLOCK).fill(0);
  const counts = new Map<string, number>();
  let hash = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const emit = () => {
    const value = hash.toString(16);
    const n = (counts.get(value) ?? 0) + 1;
    counts.set(value, n);
    if (wanted.has(lineNumbers[index])) out.set(lineNumbers[index], `${value}:${n}`);
    lineNumbers[index] = -1;
  };
  const update = (code: number) => {
    const oldest = window[index];
    window[index] = code;
    hash = (((MOD * hash + BigInt(code)) & MASK) - ((FIRST_MOD * BigInt(oldest)) & MASK)) & MASK;
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
  for (let i = 0; i < text.length; i++) process(text.charCodeAt(i));
  process(65535);
  for (let i = 0; i < BLOCK; i++) {
    if (lineNumbers[index] !== -1) emit();
    update(0);
  }
  return out;
}
