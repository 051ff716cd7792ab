// Text or binary, and in which encoding: one sniffing function decides for every source.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTestTemp, runHushProcess } from '../../cli/test/helpers.js';
import { decodeContent, readingsOf, sniffEncoding } from '../src/detect/decode.js';

const temp = perTestTemp();
const TOKEN = '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';

function utf16be(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  bytes.swap16();
  return bytes;
}

describe('sniffing and decoding', () => {
  it('tells UTF-16 (with and without a BOM), UTF-8 and binary apart', () => {
    expect(sniffEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a = 1\n', 'utf16le')]))).toBe('utf16le');
    expect(sniffEncoding(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('a = 1\n')]))).toBe('utf16be');
    expect(sniffEncoding(Buffer.from('key = value\nother = thing\n', 'utf16le'))).toBe('utf16le');
    expect(sniffEncoding(Buffer.from('plain text é\n'))).toBe('utf8');
    expect(sniffEncoding(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0]))).toBe('binary');
  });

  it('decodes UTF-16 with a BOM and an odd number of bytes instead of failing', () => {
    const text = `token = ${TOKEN}\n`;
    for (const [bom, body] of [
      [[0xfe, 0xff], utf16be(text)],
      [[0xff, 0xfe], Buffer.from(text, 'utf16le')],
    ] as const) {
      expect(decodeContent(Buffer.concat([Buffer.from(bom), body, Buffer.from([0x41])]))).toMatchObject({ text });
    }
    const dir = temp.dir();
    writeFileSync(join(dir, 'be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text), Buffer.from([0x41])]));
    const run = runHushProcess(['scan', '--format', 'json', 'be.txt'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('github.classic-pat');
  });

  it('decides by validity, not by the first bytes alone: both readings where the claim does not hold (issue #21)', () => {
    const utf8 = Buffer.from(`key = ${TOKEN}\n`);
    // A BOM before plain UTF-8, and the UTF-16 NUL pattern that stops after 8 KB.
    expect(readingsOf(Buffer.concat([Buffer.from([0xff, 0xfe, 0x0a]), utf8]))).toEqual(['utf16le', 'utf8']);
    expect(readingsOf(Buffer.concat([Buffer.from([0xfe, 0xff, 0x0a]), utf8]))).toEqual(['utf16be', 'utf8']);
    expect(readingsOf(Buffer.concat([Buffer.from('#\0'.repeat(4096), 'latin1'), utf8]))).toEqual(['utf16le', 'utf8']);
    // Real UTF-16 keeps its single reading, with or without a BOM.
    expect(readingsOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`key = ${TOKEN}\n`, 'utf16le')]))).toEqual(['utf16le']);
    expect(readingsOf(Buffer.from(`key = ${TOKEN}\n`.repeat(400), 'utf16le'))).toEqual(['utf16le']);
    // A stray NUL in UTF-8 text is text; NUL-heavy or invalid bytes are binary.
    expect(readingsOf(Buffer.concat([Buffer.from('#\0\n'), utf8]))).toEqual(['utf8']);
    expect(readingsOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xd8, 0, 0xc3]))).toBe('binary');
  });
});
