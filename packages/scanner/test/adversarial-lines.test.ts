// Fuzz test (issue #21): every rule, built-in and user-defined (the README's example rule), on a
// 1 MB line made of its own keywords, separators, pattern fragments and examples repeated, and on
// lines of one keyword repeated, within a fixed time and memory budget. Quadratic backtracking or per-finding work that grows with the line
// (a copy of the whole line per finding) blows the budget by orders of magnitude.
import { describe, expect, it } from 'vitest';
import { builtinRules, type Rule } from '@hush/rules';
import { compileRuleset } from '../src/detect/ruleset.js';
import { scanContent } from '../src/detect/scan-file.js';

const LINE_BYTES = 1 << 20;
/** Each building block is repeated over this many bytes before the next one starts. */
const BLOCK_BYTES = 32 * 1024;
/** Fixed budgets per rule and line (a linear rule needs well under a tenth of them on a loaded CI machine). */
const TIME_BUDGET_MS = 8_000;
const MEMORY_BUDGET_BYTES = 512 * 1024 * 1024;

/** The README's example user rule, compiled like any rule from `.hush.json`. */
const EXAMPLE_USER_RULE: Rule = {
  id: 'acme.token',
  title: 'ACME token',
  description: 'Tokens of the ACME gateway.',
  severity: 'high',
  keywords: ['acme_'],
  pattern: '\\b(?<secret>acme_[a-z0-9]{24})\\b',
  examples: ['acme_0123456789abcdefghijklmn'],
};

const SEPARATORS = ['=', ':', ' ', '"', "'", 'pass:', 'pass:=', ': "', '="', '=>', '\\"', '\t'];

/** The pieces a hostile line repeats: keywords with separators, literal runs of the pattern, examples on one line. */
function buildingBlocks(rule: Rule): string[] {
  const keywords = rule.keywords ?? [];
  const literals = (rule.pattern ?? '')
    .split(/\\[a-zA-Z]|[\\()[\]{}|?*+^$.]+/)
    .filter((s) => s.length >= 2)
    .slice(0, 8);
  const units: string[] = [];
  for (const k of keywords) {
    units.push(k, `${k}${k}`);
    for (const s of SEPARATORS) units.push(k + s, `${k}${s}${k.toUpperCase()}`);
  }
  for (const l of literals) units.push(l, `${l}=`, `${l} `);
  for (const e of [...rule.examples, ...(rule.counterExamples ?? [])]) units.push(`${e.replace(/[\r\n]+/g, ' ')} `, e.replace(/[\r\n]+/g, ''));
  return [...new Set(units.filter((u) => u.length > 0))];
}

/** One line (no line break) of LINE_BYTES made of blocks, each one unit repeated. */
function hostileLine(units: string[]): Buffer {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < LINE_BYTES; i++) {
    const unit = units[i % units.length];
    const block = unit.repeat(Math.ceil(BLOCK_BYTES / unit.length)).slice(0, BLOCK_BYTES);
    parts.push(block);
    length += block.length;
  }
  return Buffer.from(parts.join('').slice(0, LINE_BYTES));
}

/**
 * One keyword repeated over a whole line is the worst case of an unbounded scan after a keyword
 * (`keyword[^\n]*?suffix`): every repetition starts a match that runs to the end of the line. The
 * mixed line interleaves blocks and so caps that cost at the block's square; these lines do not.
 */
const SINGLE_UNIT_BYTES = 512 * 1024;
const singleUnitLines = (rule: Rule) => (rule.keywords ?? []).slice(0, 4).flatMap((k) => [k, `${k}=`]);

const rules = [...builtinRules().filter((r) => r.pattern !== undefined), EXAMPLE_USER_RULE];

describe('every rule on 1 MB adversarial lines', () => {
  it('covers every built-in content rule', () => {
    expect(rules.length).toBeGreaterThan(200);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s stays within the time and memory budget', (_id, rule) => {
    const ruleset = compileRuleset([rule]);
    const lines: Array<[string, Buffer]> = [['a 1 MB mixed line', hostileLine(buildingBlocks(rule))]];
    for (const unit of singleUnitLines(rule))
      lines.push([`${JSON.stringify(unit)} repeated`, Buffer.from(unit.repeat(Math.ceil(SINGLE_UNIT_BYTES / unit.length)))]);
    for (const [name, line] of lines) {
      const before = process.memoryUsage();
      const started = performance.now();
      const outcome = scanContent('deploy.sh', line, ruleset, {});
      const elapsed = performance.now() - started;
      const after = process.memoryUsage();
      expect(Array.isArray(outcome.findings)).toBe(true);
      expect(elapsed, `${rule.id} took ${Math.round(elapsed)} ms on ${name}`).toBeLessThan(TIME_BUDGET_MS);
      expect(after.rss - before.rss, `${rule.id} grew the resident set by ${after.rss - before.rss} bytes on ${name}`).toBeLessThan(MEMORY_BUDGET_BYTES);
    }
  });
});
