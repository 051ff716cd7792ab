// GitHub's primaryLocationLineHash, as the fast walk computes it, against a direct BigInt reading of
// the algorithm (rolling base-37 hash of the next 100 non-blank characters, mod 2^64, `:n` for repeats).
import { describe, expect, it } from 'vitest';
import { redactedLineHashes } from '../src/detect/line-hash.js';

const MOD = 1n << 64n;

/** The algorithm spelled out with BigInt: slow, obviously right. */
function referenceHashes(text: string): Map<number, string> {
  const codes: number[] = [];
  const lineOf: number[] = [];
  let line = 0;
  let lineStart = true;
  let prevCR = false;
  for (const ch of [...text].flatMap((c) => [...Array(c.length)].map((_, i) => c.charCodeAt(i)))) {
    let code = ch;
    if (code === 32 || code === 9 || (prevCR && code === 10)) {
      prevCR = false;
      continue;
    }
    if (code === 13) {
      code = 10;
      prevCR = true;
    } else prevCR = false;
    if (lineStart) {
      lineStart = false;
      line++;
      lineOf.push(line);
    } else lineOf.push(-1);
    if (code === 10) lineStart = true;
    codes.push(code);
  }
  codes.push(65535);
  lineOf.push(-1);
  const out = new Map<number, string>();
  const counts = new Map<string, number>();
  for (let i = 0; i < codes.length; i++) {
    if (lineOf[i] === -1) continue;
    let hash = 0n;
    for (let k = 0; k < 100; k++) hash = (hash * 37n + BigInt(codes[i + k] ?? 0)) % MOD;
    const value = hash.toString(16);
    const n = (counts.get(value) ?? 0) + 1;
    counts.set(value, n);
    out.set(lineOf[i], `${value}:${n}`);
  }
  return out;
}

/** A deterministic pseudo-random text with CRLF, tabs, blanks, repeated lines and non-ASCII characters. */
function sampleText(seed: number, length: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  let text = '';
  while (text.length < length) {
    const r = next();
    if (r < 0.05) text += '\n';
    else if (r < 0.07) text += '\r\n';
    else if (r < 0.08) text += 'const repeated = 1;\n';
    else if (r < 0.12) text += ' ';
    else if (r < 0.13) text += '\t';
    else if (r < 0.14) text += 'é€';
    else text += String.fromCharCode(33 + Math.floor(next() * 94));
  }
  return text;
}

describe('line hashes', () => {
  it('equal the BigInt reading of the algorithm on every line, repeats counted', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const text = sampleText(seed, 4000);
      const expected = referenceHashes(text);
      const wanted = new Set(expected.keys());
      expect(redactedLineHashes(text, wanted, [])).toEqual(expected);
    }
  });

  it('hash the masked line: a secret span reads as asterisks of the same length', () => {
    const secret = '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';
    const text = `a = 1\ntoken = "${secret}"\nb = 2\n`;
    const start = text.indexOf(secret);
    const masked = text.replace(secret, '*'.repeat(secret.length));
    expect(redactedLineHashes(text, new Set([1, 2, 3]), [[start, start + secret.length]])).toEqual(referenceHashes(masked));
  });
});
