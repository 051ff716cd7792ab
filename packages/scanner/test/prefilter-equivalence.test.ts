// The keyword prefilter (WebAssembly pass and JavaScript bitset pass) reports exactly the hits of the
// reference implementation it replaced, on random bytes (fast-check), on keyword-dense text, and on
// real files (this repository's sources, fixtures and installed dependencies).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@hush/rules';
import { compileRuleset } from '../src/detect/ruleset.js';
import { compileKeywordScan, WASM_MODULE, wasmModuleSource } from '../../../scripts/build-wasm.mjs';
import { KeywordIndex, WASM_AFTER_BYTES, WASM_MIN_BYTES } from '../src/detect/prefilter/keyword-index.js';
import { ReferenceKeywordIndex } from './keyword-index-reference.js';
import { KEYWORD_SCAN_WASM } from '../src/detect/prefilter/keyword-scan-wasm.js';

const repoRoot = join(import.meta.dirname, '../../..');
const ruleset = compileRuleset(builtinRules());
const keywords = ruleset.keywordIndex.keywords.map((k) => Buffer.from(k).toString('latin1'));
const reference = new ReferenceKeywordIndex(keywords);
const viaWasm = new KeywordIndex(keywords, undefined, 'wasm');
const viaJs = new KeywordIndex(keywords, undefined, 'js');
const automatic = new KeywordIndex(keywords);
/** The input the WebAssembly pass searches per call, as the module itself says. */
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: { Instance: new (m: object) => { exports: { INPUT_CAPACITY: { value: number } } }; Module: new (b: Uint8Array) => object };
  }
).WebAssembly;
const chunk = new wasmApi.Instance(new wasmApi.Module(Buffer.from(KEYWORD_SCAN_WASM, 'base64'))).exports.INPUT_CAPACITY.value;

function expectSameHits(bytes: Uint8Array): void {
  const expected = reference.scan(bytes);
  expect(viaWasm.scan(bytes)).toEqual(expected);
  expect(viaJs.scan(bytes)).toEqual(expected);
  expect(automatic.scan(bytes)).toEqual(expected);
}

/** Keywords in random case spellings, cut and glued to random bytes: hits at every kind of offset. */
const keywordDense = fc
  .array(
    fc.oneof(
      fc
        .tuple(fc.constantFrom(...keywords), fc.array(fc.boolean(), { maxLength: 40 }))
        .map(([k, upper]) => [...k].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')),
      fc.string({ maxLength: 6 }),
      fc.constantFrom('\n', ' ', '=', '"', '_', '\0', '\xff'),
    ),
    { maxLength: 60 },
  )
  .map((parts) => Buffer.from(parts.join(''), 'latin1'));

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== '.git' && entry.name !== '.bench-out') yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

describe('keyword prefilter equivalence', () => {
  it('same hits as the reference on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => expectSameHits(bytes)),
      { numRuns: 400 },
    );
  });

  it('same hits on keyword-dense text, including keywords that overlap and case variants', () => {
    fc.assert(
      fc.property(keywordDense, (bytes) => expectSameHits(bytes)),
      { numRuns: 400 },
    );
  });

  it('same hits where the WebAssembly pass crosses its chunks and fills its position buffer', () => {
    expect(chunk).toBeGreaterThanOrEqual(1 << 12);
    // Three-byte keywords are their own anchor: put one on every window start around the boundary.
    for (const keyword of [...keywords.filter((k) => k.length === 3).slice(0, 4), 'password', 'client_secret']) {
      for (let at = chunk - 12; at <= chunk + 4; at++) {
        const bytes = Buffer.alloc(chunk + 40, 'x');
        bytes.write(keyword.toUpperCase(), at, 'latin1');
        expect(viaWasm.scan(bytes).length).toBeGreaterThan(0);
        expectSameHits(bytes);
      }
    }
    // More anchors than fit the output buffer (16 K positions) in one call.
    const dense = Buffer.from('password=token;'.repeat(5000), 'latin1');
    expect(viaWasm.scan(dense).length).toBe(reference.scan(dense).length);
    expectSameHits(dense);
  });

  it('same hits for two-character keywords at the first and last offsets, repeated, and across a chunk boundary', () => {
    const short = keywords.filter((k) => k.length === 2);
    expect(short.length).toBeGreaterThan(0);
    for (const keyword of short) {
      for (const spelling of [keyword, keyword.toUpperCase(), keyword.toLowerCase()]) {
        for (const text of [spelling, `${spelling}x`, `x${spelling}`, `${spelling}${spelling}${spelling}`, `ab ${spelling} cd ${spelling}`]) {
          const bytes = Buffer.from(text, 'latin1');
          expectSameHits(bytes);
          // Long enough for the WebAssembly pass of the automatic engine too (it starts at a few KB).
          expectSameHits(Buffer.concat([bytes, Buffer.alloc(WASM_MIN_BYTES, 'y'), bytes]));
        }
      }
      for (let at = chunk - 4; at <= chunk + 2; at++) {
        const bytes = Buffer.alloc(chunk + 16, 'z');
        bytes.write(keyword, at, 'latin1');
        expect(viaWasm.scan(bytes)).toEqual([at, keywords.indexOf(keyword)]);
        expectSameHits(bytes);
      }
    }
  });

  it('same hits on real files: sources, fixtures and installed dependencies', () => {
    let scanned = 0;
    let bytes = 0;
    let withHits = 0;
    for (const dir of ['packages', 'test-fixtures', 'node_modules/.pnpm']) {
      for (const path of files(join(repoRoot, dir))) {
        if (scanned >= 3000 || bytes > 60 << 20) break;
        if (statSync(path).size > 4 << 20) continue;
        const content = readFileSync(path);
        expectSameHits(content);
        if (reference.scan(content).length) withHits++;
        scanned++;
        bytes += content.length;
      }
    }
    expect(scanned).toBeGreaterThan(1000);
    expect(withHits).toBeGreaterThan(100);
  });

  it('instantiates WebAssembly only after 1 MB, then uses it from a few KB on', () => {
    expect(WASM_MIN_BYTES).toBeGreaterThan(1024);
    const fresh = new KeywordIndex(keywords);
    const small = Buffer.from('const token = "x";\n', 'latin1');
    const medium = Buffer.concat([small, Buffer.alloc(WASM_MIN_BYTES, ' ')]);
    // A pre-commit hook's files: JavaScript only.
    for (let i = 0; i < 20; i++) expect(fresh.scan(medium)).toEqual(reference.scan(medium));
    expect(fresh.wasmInstantiated).toBe(false);
    const large = Buffer.concat([medium, Buffer.alloc(WASM_AFTER_BYTES, 'x'), small]);
    expect(fresh.scan(large)).toEqual(reference.scan(large));
    expect(fresh.wasmInstantiated).toBe(true);
    expect(fresh.scan(medium)).toEqual(reference.scan(medium));
    expect(fresh.scan(small)).toEqual(reference.scan(small));
  });

  it('the WebAssembly module built into the scanner is the one its source compiles to', async () => {
    const source = wasmModuleSource(await compileKeywordScan());
    expect(readFileSync(join(repoRoot, WASM_MODULE), 'utf8')).toBe(source);
  });
});
