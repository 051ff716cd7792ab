// The service table compiler (scripts/services.mjs): a row becomes a full rule through the real
// engine, and a bad row is a build problem that names it, never a rule silently missing or loose.
import { describe, expect, it } from 'vitest';
import type { Rule } from '@hush/rules';
import { compileRuleset } from '../../scanner/src/detect/ruleset.js';
import { scanContent } from '../../scanner/src/detect/scan-file.js';
import { compileServices } from '../scripts/services.mjs';

const row = {
  id: 'exampleservice.api-key',
  service: 'Example Service',
  keywords: ['exampleservice'],
  value: { chars: 'A-Za-z0-9', length: 32 },
  docs: 'https://docs.example-service.invalid/keys',
  revoke: 'https://app.example-service.invalid/settings/api',
};

function found(rule: Rule, text: string): boolean {
  return scanContent('fixture/input.txt', Buffer.from(text), compileRuleset([rule]), {}).findings.some((f) => f.ruleId === rule.id && !f.suppression);
}

describe('service table compiler', () => {
  it('turns a row into a rule whose generated examples are found and counter-examples are not', () => {
    const { rules, playbooks, problems } = compileServices([row]);
    expect(problems).toEqual([]);
    const rule = rules[0] as Rule;
    expect(rule.examples.length).toBeGreaterThanOrEqual(2);
    expect(rule.counterExamples!.length).toBeGreaterThanOrEqual(2);
    for (const example of rule.examples) expect(found(rule, example), example).toBe(true);
    for (const example of rule.counterExamples!) expect(found(rule, example), example).toBe(false);
    expect(playbooks[0].references).toEqual([row.docs, row.revoke]);
    expect(playbooks[0].steps[0]).toContain(row.revoke);
  });

  it('needs the name near the value, standing alone, and a mixed-case random value', () => {
    const rule = compileServices([row]).rules[0] as Rule;
    const key = 'Qm7vX2pL9kR4tW8nB3cH6jF1sD5gA0eY';
    expect(found(rule, `EXAMPLESERVICE_TOKEN=${key}`)).toBe(true);
    expect(found(rule, `TOKEN=${key}`)).toBe(false);
    expect(found(rule, `myexampleservices\nTOKEN=${key}`)).toBe(false);
    expect(found(rule, `EXAMPLESERVICE_TOKEN=${key.toLowerCase()}`)).toBe(false);
    expect(found(rule, `EXAMPLESERVICE_TOKEN=${key}Z`)).toBe(false);
    expect(found(rule, `EXAMPLESERVICE_TOKEN=aGVsbG8gd29y/${key}/bGQ=`)).toBe(false);
  });

  it('reports every bad row by id instead of compiling it', () => {
    const { rules, problems } = compileServices([
      { ...row, id: 'a.api-key', doc: row.docs },
      { ...row, id: 'b.api-key', value: { chars: 'A-Za-z0-9', length: 4 } },
      { ...row, id: 'c.api-key', value: { chars: 'A-Za-z0-9!', length: 32 } },
      { ...row, id: 'd.api-key', value: { chars: 'a-z', lenght: 32 } },
      { ...row, id: 'e.api-key', docs: undefined },
    ]);
    expect(rules).toEqual([]);
    expect(problems).toEqual([
      'service a.api-key: unknown field doc',
      'service b.api-key: length must be 8..512',
      'service c.api-key: unsupported character "!" in chars "A-Za-z0-9!"',
      'service d.api-key: value needs chars and length (and may have prefix), not lenght',
      'service e.api-key: missing docs',
    ]);
  });
});
