// Utf8Text (a view of mostly-ASCII UTF-8 read with the decoded string's offsets) answers every
// TextLike call exactly as the decoded string does, and maps keyword hits as the exact decoder-based
// mapping does: on random text (astral characters and BOMs included) and on real files.
import { isAscii } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8OffsetsToText } from '../src/detect/scan-file.js';
import { Utf8Text } from '../src/detect/utf8-text.js';

const repoRoot = join(import.meta.dirname, '../../..');

/** Mostly ASCII with some non-ASCII characters of every UTF-8 length (2, 3 and 4 bytes). */
const mostlyAscii = fc
  .array(
    fc.oneof(
      { weight: 12, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 2, arbitrary: fc.constantFrom('é', 'ß', '€', '中', '😀', '𝄞', '\u2028', '\r\n', '\n') },
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

function expectSameAsString(content: Buffer, offsets: number[]): void {
  const view = Utf8Text.from(content);
  expect(view).toBeDefined();
  const text = content.toString('utf8', content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0);
  expect(view!.length).toBe(text.length);
  expect(view!.slice()).toBe(text);
  for (const i of offsets) expect(view!.charCodeAt(i)).toBe(text.charCodeAt(i));
  for (let j = 0; j + 1 < offsets.length; j++) expect(view!.slice(offsets[j], offsets[j + 1])).toBe(text.slice(offsets[j], offsets[j + 1]));
}

describe('Utf8Text', () => {
  it('every charCodeAt and slice equals the decoded string, surrogate halves included', () => {
    fc.assert(
      fc.property(mostlyAscii, fc.boolean(), fc.array(fc.integer({ min: -5, max: 400 }), { maxLength: 30 }), (text, bom, picks) => {
        const content = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf8');
        if (!Utf8Text.from(content)) return; // too little ASCII: the caller decodes instead
        const all = Array.from({ length: text.length + 2 }, (_, i) => i);
        expectSameAsString(content, [...all, ...picks]);
        expectSameAsString(content, [...picks, -1, 0, text.length]);
      }),
      { numRuns: 500 },
    );
  });

  it('maps byte offsets of ASCII positions to the offsets the exact decoder mapping gives', () => {
    fc.assert(
      fc.property(mostlyAscii, fc.boolean(), (text, bom) => {
        const content = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf8');
        const view = Utf8Text.from(content);
        if (!view) return;
        const hits: number[] = [];
        for (let i = 0; i < content.length; i++) if (content[i] < 0x80 && (i >= 3 || !bom)) hits.push(i, 0);
        expect(view.unitOffsets(content, hits)).toEqual(utf8OffsetsToText(content, hits, view.length));
      }),
      { numRuns: 500 },
    );
  });

  it('indexes characters that straddle its 4 KB blocks', () => {
    for (const char of ['é', '€', '😀']) {
      for (let at = 4090; at <= 4097; at++) {
        const content = Buffer.from(`${'a'.repeat(at)}${char}${'b'.repeat(30)}é${'c'.repeat(5000)}`, 'utf8');
        const picks = [0, at - 1, at, at + 1, at + 2, at + 3, at + 30, at + 31, at + 32, at + 40, at + 2000];
        expectSameAsString(content, picks);
      }
    }
  });

  it('is not used for invalid UTF-8 or mostly non-ASCII text (those are decoded)', () => {
    expect(Utf8Text.from(Buffer.from([0x61, 0x93, 0x62]))).toBeUndefined();
    expect(Utf8Text.from(Buffer.from('中文的文字'.repeat(50), 'utf8'))).toBeUndefined();
    expect(Utf8Text.from(Buffer.from(`${'x'.repeat(5000)}é${'y'.repeat(5000)}`, 'utf8'))).toBeDefined();
  });

  it('matches the decoded string on real non-ASCII files (characters across 4 KB blocks too)', () => {
    let checked = 0;
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (checked >= 60) return;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (entry.isFile() && /\.(js|ts|md|json)$/.test(entry.name) && statSync(path).size < 2 << 20) {
          const content = readFileSync(path);
          const view = Utf8Text.from(content);
          if (!view || isAscii(content) || view.length === content.length) continue;
          const text = content.toString('utf8', content[0] === 0xef ? 3 : 0);
          const picks = Array.from({ length: 400 }, (_, i) => Math.floor((i * 7919 * 104729) % (text.length + 1)));
          for (const i of picks) expect(view.charCodeAt(i)).toBe(text.charCodeAt(i));
          for (let j = 0; j + 1 < picks.length; j += 2) expect(view.slice(picks[j], picks[j] + 300)).toBe(text.slice(picks[j], picks[j] + 300));
          checked++;
        }
      }
    };
    visit(join(repoRoot, 'node_modules/.pnpm'));
    expect(checked).toBeGreaterThan(10);
  });
});
