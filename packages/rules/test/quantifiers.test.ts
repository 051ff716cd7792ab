// The linter refuses built-in patterns that backtrack super-linearly on hostile lines (issue #21):
// nested unbounded repetition in every built-in, and any unbounded quantifier outside whitespace
// in rules added from now on (the fuzz test holds the older ones).
import { describe, expect, it } from 'vitest';
import { playbookById, type Rule } from '@hush/rules';
import { checkRules } from '@hush/rules/lint';

function rule(id: string, pattern: string): Rule {
  return {
    id,
    title: 'Test rule',
    description: 'A rule under test.',
    provider: 'Test',
    severity: 'high',
    keywords: ['acme'],
    pattern,
    guidance: 'generic-secret',
    examples: ['acme_0123456789abcdefghijklmn', 'x acme_0123456789abcdefghijklmo'],
    counterExamples: ['acme', 'nothing'],
  };
}
const lint = (r: Rule) => checkRules([r], playbookById(), { builtin: true });

describe('quantifier lint for built-in rules', () => {
  it('accepts bounded quantifiers and whitespace runs', () => {
    expect(lint(rule('acme.bounded', '\\bacme_\\s*(?<secret>[a-z0-9]{24})\\b'))).toEqual([]);
  });

  it('refuses nested unbounded repetition', () => {
    expect(lint(rule('acme.nested', 'acme_(?<secret>(?:[a-z0-9]+_?)+)')).join('\n')).toMatch(/nested unbounded quantifier/);
  });

  it('refuses an unbounded scan in a new rule and names the fix', () => {
    expect(lint(rule('acme.scan', 'acme[^\\n]*?key=(?<secret>[a-z0-9]{24})')).join('\n')).toMatch(/unbounded quantifier \[\^\\n\]\*\?: bound it/);
  });

  it('leaves an atomic lookahead group alone (the private-key pattern)', () => {
    expect(lint(rule('acme.atomic', 'acme_(?=(?<body>(?:[a-z]+\\s?)+))\\k<body>(?<secret>[0-9]{24})'))).toEqual([]);
  });
});
