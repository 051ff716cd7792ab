// The keyword prefilter with twice today's keywords (as the rule set grows past 650 rules): still one
// pass over the bytes for all of them, still exactly the reference's hits, two-character keywords
// included. Its speed at both counts is measured by bench/prefilter-keywords.mjs, not here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@hush/rules';
import { compileRuleset } from '../src/detect/ruleset.js';
import { KeywordIndex } from '../src/detect/prefilter/keyword-index.js';
import { ReferenceKeywordIndex } from './keyword-index-reference.js';

const repoRoot = join(import.meta.dirname, '../../..');
const today = compileRuleset(builtinRules()).keywordIndex.keywords.map((k) => Buffer.from(k).toString('latin1'));

/** As many new keywords again, of the same lengths and bytes: each keyword reversed, two-character ones too. */
function doubled(keywords: string[]): string[] {
  const all = new Set(keywords);
  for (const k of keywords) {
    let other = [...k].reverse().join('');
    if (all.has(other)) other = `${other}9`;
    all.add(other);
  }
  return [...all];
}

const keywords = doubled(today);
const reference = new ReferenceKeywordIndex(keywords);
const engines = (['wasm', 'js', 'auto'] as const).map((engine) => new KeywordIndex(keywords, undefined, engine));

function expectSameHits(bytes: Uint8Array): void {
  const expected = reference.scan(bytes);
  for (const index of engines) expect(index.scan(bytes)).toEqual(expected);
}

/** What compileRuleset's keyword → rules map must hold: every pair of keywords tested, as it once was. */
function pairwise(rules: ReturnType<typeof builtinRules>): Map<string, number[]> {
  const byKeyword = new Map<string, number[]>();
  rules.forEach((rule, index) => {
    if (rule.pattern === undefined) return;
    for (const keyword of rule.keywords ?? []) byKeyword.set(keyword.toLowerCase(), [...(byKeyword.get(keyword.toLowerCase()) ?? []), index]);
  });
  const keys = [...byKeyword.keys()];
  for (const longer of keys) {
    const own = byKeyword.get(longer)!;
    for (const shorter of keys) if (shorter !== longer && longer.includes(shorter)) for (const i of byKeyword.get(shorter)!) if (!own.includes(i)) own.push(i);
  }
  return byKeyword;
}

describe('keyword prefilter with twice the keywords', () => {
  it('wakes, for each keyword, the rules of every keyword inside it, as testing every pair would (today and at twice the rules)', () => {
    const rules = builtinRules();
    const twice = [...rules, ...rules.map((r) => ({ ...r, id: `${r.id}.twice`, keywords: r.keywords?.map((k) => [...k].reverse().join('')) }))];
    for (const set of [rules, twice]) {
      const expected = pairwise(set);
      expect(compileRuleset(set).byKeyword).toEqual(expected);
      expect([...expected.values()].some((list) => list.length > 1)).toBe(true);
    }
  });

  it('has twice the keywords, two-character ones among them', () => {
    expect(keywords.length).toBe(2 * today.length);
    expect(keywords.filter((k) => k.length < 3).length).toBeGreaterThanOrEqual(2 * today.filter((k) => k.length < 3).length);
  });

  it('finds every keyword, in any case, at every offset, including the last two bytes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...keywords), fc.string({ maxLength: 4 }), fc.constantFrom('\n', ' ', '$', '~', '\xff')), { maxLength: 50 }),
        fc.array(fc.boolean(), { maxLength: 200 }),
        (parts, upper) => {
          const text = parts.join('');
          expectSameHits(Buffer.from([...text].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''), 'latin1'));
        },
      ),
      { numRuns: 300 },
    );
    for (const short of keywords.filter((k) => k.length === 2)) {
      const ending = Buffer.from(`xx ${short.toUpperCase()}`, 'latin1');
      expect(engines[1].scan(ending)).toEqual(reference.scan(ending));
      expect(reference.scan(ending).length).toBeGreaterThan(0);
    }
  });

  it('same hits as the reference on real files', () => {
    let scanned = 0;
    let hits = 0;
    const walk = function* (dir: string): Generator<string> {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== '.git') yield* walk(path);
        else if (entry.isFile()) yield path;
      }
    };
    for (const path of walk(join(repoRoot, 'node_modules/.pnpm'))) {
      if (scanned >= 600) break;
      if (statSync(path).size > 1 << 20) continue;
      const content = readFileSync(path);
      expectSameHits(content);
      hits += reference.scan(content).length;
      scanned++;
    }
    expect(scanned).toBe(600);
    expect(hits).toBeGreaterThan(100);
  });
});
