// Every built-in rule's examples must be found and its counter-examples must stay silent, through
// the real engine with the whole built-in ruleset (as users run it).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinPlaybooks, builtinRules, checkRules, playbookById } from '@hush/rules';
import { compileRuleset, scanContent } from '@hush/scanner';

const examplesDir = fileURLToPath(new URL('../../rules/data/examples/', import.meta.url));
const ruleset = compileRuleset(builtinRules());

/** `file:NAME` examples live in data/examples; `path:P` examples name a file for path rules. */
function materialise(example: string): { path: string; content: Buffer } {
  if (example.startsWith('file:')) return { path: `fixture/${example.slice(5)}`, content: readFileSync(examplesDir + example.slice(5)) };
  if (example.startsWith('path:')) return { path: example.slice(5), content: readFileSync(examplesDir + 'sample.pfx') };
  return { path: 'fixture/example.txt', content: Buffer.from(example) };
}

function ruleIdsFound(example: string): string[] {
  const { path, content } = materialise(example);
  return scanContent(path, content, ruleset, {}).findings.map((f) => f.ruleId);
}

describe('built-in rules', () => {
  it('pass the rule linter with no problems', () => {
    expect(checkRules([...builtinRules()], playbookById(), { builtin: true })).toEqual([]);
  });

  it('number at least 30, each with a playbook', () => {
    expect(builtinRules().length).toBeGreaterThanOrEqual(30);
    const playbooks = new Set(builtinPlaybooks().map((p) => p.id));
    for (const rule of builtinRules()) expect(playbooks.has(rule.guidance!), rule.id).toBe(true);
  });

  for (const rule of builtinRules()) {
    describe(rule.id, () => {
      it.each(rule.examples)('finds example %#', (example) => {
        expect(ruleIdsFound(example)).toContain(rule.id);
      });
      it.each(rule.counterExamples ?? [])('stays silent on counter-example %#', (example) => {
        expect(ruleIdsFound(example)).not.toContain(rule.id);
      });
    });
  }
});
