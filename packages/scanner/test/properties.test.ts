// Property-based tests over the engine (fast-check): arbitrary bytes never crash it, and every
// reported position points at exactly the reported secret.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@hush/rules';
import { compileRuleset } from '../src/detect/ruleset.js';
import { scanContent } from '../src/detect/scan-file.js';

const ruleset = compileRuleset(builtinRules());
const SECRETS = [
  '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',
  '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',
  'xSd8Q~kMkO.PW2~B3DgSWF5hVMHn1uLWOzi5pV3z',
  'AKIA3WZE54NDMT2AJKFM',
  'sk_live_m1hkNMVviML5DvH3U1XNDNrI',
];

/** The text between (line, column) and (endLine, endColumn), with lines split as the engine splits them. */
function textAt(text: string, f: { line: number; column: number; endLine: number; endColumn: number }): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    }
  }
  return text.slice(starts[f.line - 1] + f.column - 1, starts[f.endLine - 1] + f.endColumn - 1);
}

describe('engine properties', () => {
  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const outcome = scanContent('random.bin', Buffer.from(bytes), ruleset, {});
        expect(Array.isArray(outcome.findings)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text around keywords', () => {
    const keywords = ['password=', 'ghp_', 'Q~', 'AKIA', '-----BEGIN RSA PRIVATE KEY-----', 'AccountKey=', 'eyJ', '://', 'client_secret='];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...keywords)), { maxLength: 40 }), (parts) => {
        scanContent('x.txt', Buffer.from(parts.join('')), ruleset, {});
      }),
      { numRuns: 300 },
    );
  });

  it('reports positions that point at the reported secret, whatever surrounds it', () => {
    const filler = fc.stringMatching(/^[ a-z0-9=:;,\r\n\t"'{}-]{0,60}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, fc.constantFrom(...SECRETS)), { minLength: 1, maxLength: 6 }), filler, (pieces, tail) => {
        // Keep each secret a separate token so the boundary rules apply as in real files.
        const text = pieces.map(([before, secret]) => `${before}\n${secret}\n`).join('') + tail;
        const { findings } = scanContent('x.txt', Buffer.from(text), ruleset, {});
        for (const f of findings) expect(textAt(text, f)).toBe(f.rawSecret);
        const found = new Set(findings.map((f) => f.rawSecret));
        for (const [, secret] of pieces) expect(found.has(secret)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
