// Every built-in rule's examples must be found and its counter-examples must stay silent, through
// the real engine with the whole built-in ruleset (as users run it).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinPlaybooks, builtinRules, playbookById, type Rule } from '@hush/rules';
import { checkRules } from '@hush/rules/lint';
import { compileRuleset } from '../../scanner/src/detect/ruleset.js';
import { scanContent } from '../../scanner/src/detect/scan-file.js';

const examplesDir = fileURLToPath(new URL('../../rules/data/examples/', import.meta.url));
const ruleset = compileRuleset(builtinRules());

/** Where an inline example is written: a file name the rule's `paths` filter accepts, if it has one. */
const CANDIDATE_NAMES = [
  'fixture/input.txt',
  'fixture/.env',
  'fixture/app.properties',
  'fixture/config.yaml',
  'fixture/Dockerfile',
  'fixture/.pypirc',
  'fixture/.netrc',
  'fixture/.git-credentials',
  'fixture/main.tf',
  'fixture/terraform.tfstate',
  'fixture/.pgpass',
  'fixture/settings.xml',
  'fixture/build.gradle',
  'fixture/config/prod.exs',
  'fixture/wpa_supplicant.conf',
  'fixture/.msmtprc',
  'fixture/ipsec.secrets',
  'fixture/chap-secrets',
  'fixture/userlist.txt',
  'fixture/client.ovpn',
  'fixture/settings.json',
];
function fileNameFor(rule: Rule): string {
  return CANDIDATE_NAMES.find((name) => !rule.paths || new RegExp(rule.paths, 'i').test(name)) ?? CANDIDATE_NAMES[0];
}

/** `file:NAME` examples live in data/examples; `path:P` examples name a file for path rules. */
function materialise(example: string, rule: Rule): { path: string; content: Buffer } {
  if (example.startsWith('file:')) return { path: `fixture/${example.slice(5)}`, content: readFileSync(examplesDir + example.slice(5)) };
  if (example.startsWith('path:')) return { path: example.slice(5), content: readFileSync(examplesDir + 'sample.pfx') };
  return { path: fileNameFor(rule), content: Buffer.from(example) };
}

/** Rules that report the example (suppressed findings, e.g. checksum failures, are not reported). */
function ruleIdsFound(example: string, rule: Rule): string[] {
  const { path, content } = materialise(example, rule);
  return scanContent(path, content, ruleset, {})
    .findings.filter((f) => !f.suppression)
    .map((f) => f.ruleId);
}

describe('built-in rules', () => {
  it('pass the rule linter with no problems', () => {
    expect(checkRules([...builtinRules()], playbookById(), { builtin: true })).toEqual([]);
  });

  it('number at least 260 (issue 14), each with 2 examples, 2 counter-examples and a provider', () => {
    expect(builtinRules().length).toBeGreaterThanOrEqual(260);
    for (const rule of builtinRules()) {
      expect(rule.examples.length, rule.id).toBeGreaterThanOrEqual(2);
      expect(rule.counterExamples?.length ?? 0, rule.id).toBeGreaterThanOrEqual(2);
      expect(rule.provider, rule.id).toBeTruthy();
    }
  });

  it('number at least 30, each with a playbook', () => {
    expect(builtinRules().length).toBeGreaterThanOrEqual(30);
    const playbooks = new Set(builtinPlaybooks().map((p) => p.id));
    for (const rule of builtinRules()) expect(playbooks.has(rule.guidance!), rule.id).toBe(true);
  });

  for (const rule of builtinRules()) {
    describe(rule.id, () => {
      it.each(rule.examples)('finds example %#', (example) => {
        expect(ruleIdsFound(example, rule)).toContain(rule.id);
      });
      it.each(rule.counterExamples ?? [])('stays silent on counter-example %#', (example) => {
        expect(ruleIdsFound(example, rule)).not.toContain(rule.id);
      });
    });
  }
});

describe('docs/rules.md', () => {
  it('is current with the rule data', () => {
    const result = spawnSync(process.execPath, [fileURLToPath(new URL('../../rules/scripts/docs.mjs', import.meta.url)), '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('has one row per rule', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/rules.md', import.meta.url)), 'utf8');
    for (const rule of builtinRules()) expect(doc).toContain(`| \`${rule.id}\` |`);
  });
});
