// The shape of rule data at scale (issue 23.4): named path classes, explicit precedence checked by the
// linter, verification declared in the data. Built from synthetic rules so each check can fail.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinPathClasses, builtinPlaybooks, builtinRules, playbookById, ruleOrder, withPathClasses, type Playbook, type Rule } from '@hush/rules';
import { checkPathClasses, checkPrecedence, checkRules } from '@hush/rules/lint';
import { compileRuleset } from '../../scanner/src/detect/ruleset.js';
import { scanContent } from '../../scanner/src/detect/scan-file.js';

const rule = (over: Partial<Rule> & Pick<Rule, 'id'>): Rule => ({
  title: 'A test rule',
  description: 'A rule made for this test.',
  severity: 'high',
  keywords: ['tok_'],
  pattern: '(?<secret>tok_[a-z0-9]{12})',
  examples: ['TOKEN=tok_a1b2c3d4e5f6'],
  ...over,
});

describe('precedence', () => {
  it('the linter reports two rules of equal rank that find the same secret in an example', () => {
    const problems = checkPrecedence([rule({ id: 'acme.one' }), rule({ id: 'acme.two', pattern: 'TOKEN=(tok_[a-z0-9]+)' })]);
    expect(problems).toEqual([expect.stringMatching(/^rules acme\.one and acme\.two find the same secret .* tie in precedence/)]);
  });

  it('is satisfied by an explicit precedence, and by rules that never overlap or differ in severity', () => {
    expect(checkPrecedence([rule({ id: 'acme.one', precedence: 1 }), rule({ id: 'acme.two' })])).toEqual([]);
    expect(
      checkPrecedence([rule({ id: 'acme.one' }), rule({ id: 'acme.two', keywords: ['key_'], pattern: '(key_[a-z0-9]{12})', examples: ['key_a1b2c3d4e5f6'] })]),
    ).toEqual([]);
    expect(checkPrecedence([rule({ id: 'acme.one' }), rule({ id: 'acme.two', severity: 'medium' })])).toEqual([]);
  });

  it('orders specific before generic, then severity, then precedence; position in the files plays no part', () => {
    expect(ruleOrder({ severity: 'low' })).toBeLessThan(ruleOrder({ severity: 'critical', generic: true }));
    expect(ruleOrder({ severity: 'critical', generic: true, context: 'acme' })).toBeLessThan(ruleOrder({ severity: 'critical', generic: true }));
    expect(ruleOrder({ severity: 'high' })).toBeLessThan(ruleOrder({ severity: 'medium', precedence: 9 }));
    expect(ruleOrder({ severity: 'high', precedence: 2 })).toBeLessThan(ruleOrder({ severity: 'high', precedence: 1 }));
  });

  it('no two built-in rules tie', () => {
    expect(checkPrecedence(builtinRules())).toEqual([]);
  });
});

describe('named path classes', () => {
  const classesFile = parse(readFileSync(fileURLToPath(new URL('../data/path-classes.yaml', import.meta.url)), 'utf8')) as Record<string, unknown>;

  it('are all defined, described and compile; a missing or unknown class is a problem', () => {
    expect(checkPathClasses(classesFile)).toEqual([]);
    const { lockfiles: _dropped, ...withoutLockfiles } = classesFile;
    expect(checkPathClasses({ ...withoutLockfiles, vendored: { description: 'x', pattern: 'vendor/' } })).toEqual([
      'path class lockfiles: not defined',
      'path class vendored: unknown (add it to PATH_CLASSES)',
    ]);
  });

  it('fold into skipPaths at build time: built-in rules carry the patterns, not the names', () => {
    const generic = builtinRules().find((r) => r.id === 'generic.credential-assignment')!;
    expect(generic.skipPathClasses).toBeUndefined();
    const skip = new RegExp(generic.skipPaths!, 'i');
    for (const path of ['web/yarn.lock', 'dist/app.min.js', 'types/index.d.ts', 'config.example.yaml', 'app.js.map']) expect(skip.test(path), path).toBe(true);
    expect(skip.test('src/settings.py')).toBe(false);
    expect(builtinRules().some((r) => r.skipPathClasses)).toBe(false);
  });

  it('a rule may add its own skipPaths to the classes it names', () => {
    const resolved = withPathClasses(rule({ id: 'acme.one', skipPaths: '(?:^|/)vendor/', skipPathClasses: ['tests'] }), builtinPathClasses());
    const skip = new RegExp(resolved.skipPaths!, 'i');
    expect(['vendor/x.txt', 'tests/fixture.txt', 'src/app_test.go'].map((p) => skip.test(p))).toEqual([true, true, true]);
    expect(skip.test('src/app.go')).toBe(false);
  });
});

describe('verification declared in rule data', () => {
  it('is refused in a repository’s own rules: nothing a repository writes may send a value to a provider', () => {
    const problems = checkRules([rule({ id: 'acme.one', counterExamples: ['a', 'b'], verify: 'github' })], playbookById(), { builtin: false });
    expect(problems).toEqual(['rule #1 (acme.one): verify is only for built-in rules']);
  });

  it('names a check on the built-in rules that had one keyed by id in code', () => {
    const verifies = Object.fromEntries(
      builtinRules()
        .filter((r) => r.verify)
        .map((r) => [r.id, r.verify]),
    );
    expect(verifies).toMatchObject({
      'github.classic-pat': 'github',
      'aws.secret-access-key': 'aws',
      'azure.storage-account-key': 'azure-storage',
      'azure.entra-client-secret': 'entra-client-secret',
      'key.rsa-private-key': 'entra-certificate',
    });
  });
});

describe('rules without keywords, limited by file name', () => {
  const base = { counterExamples: ['a', 'b'], guidance: 'generic-secret', provider: 'Acme', keywords: undefined };
  const lineRule = rule({
    id: 'acme.lines',
    ...base,
    pattern: '^\\w{1,32} \\* (?<secret>[A-Za-z0-9]{10}) \\*$',
    flags: 'm',
    examples: ['ops * Qz7Lm2Xw9R *', 'backup * Vt4Kp8Zr2N *'],
  });

  it('the linter asks a built-in rule for keywords unless its paths limit it to files by name', () => {
    expect(checkRules([lineRule], playbookById(), { builtin: true })).toEqual(['rule #1 (acme.lines): built-in rules need keywords']);
    expect(checkRules([{ ...lineRule, paths: '(?:^|/)acme-secrets$' }], playbookById(), { builtin: true })).toEqual([]);
  });

  it('such a rule reads the whole of each file its paths allow, and no other file', () => {
    const ruleset = compileRuleset([{ ...lineRule, paths: '(?:^|/)acme-secrets$' }]);
    const text = Buffer.from('# user server secret\nops * Qz7Lm2Xw9R *\n');
    const found = (path: string) => scanContent(path, text, ruleset, {}).findings.map((f) => [f.ruleId, f.line]);
    expect(found('etc/acme-secrets')).toEqual([['acme.lines', 2]]);
    expect(found('notes/acme-secrets.txt')).toEqual([]);
  });
});

describe('a pattern alternative names its value', () => {
  it('flags an example matched by an alternative with no group of its own (its prefix would be reported as the secret)', () => {
    const base = { counterExamples: ['a', 'b'], guidance: 'github-token', provider: 'Acme' };
    const unnamed = rule({
      id: 'acme.two',
      ...base,
      pattern: '(?<secret>tok_[a-z0-9]{12})|acme_key=[a-z0-9]{16}',
      examples: ['tok_a1b2c3d4e5f6', 'acme_key=a1b2c3d4e5f6g7h8'],
    });
    expect(checkRules([unnamed], playbookById(), { builtin: true })).toEqual([
      'rule #1 (acme.two): example "acme_key=a1b2c3d4e5f6g7h8" matches an alternative that names no group for its value (wrap the value in a named group)',
    ]);
    const named = { ...unnamed, pattern: '(?<secret>tok_[a-z0-9]{12})|acme_key=(?<legacy>[a-z0-9]{16})' };
    expect(checkRules([named], playbookById(), { builtin: true })).toEqual([]);
  });

  it('gives the named value as the finding, not the prefix before it', () => {
    const ruleset = compileRuleset(builtinRules());
    const value = 'Zx8kQ2vN4rT7yB1mW5pL9sD3fG6hJ0aK2cV8bN4x';
    const text = `FUNCTIONS_KEY=${value}\nurl: https://fn.azurewebsites.net/api/orders?code=${value}==\n`;
    const found = scanContent('fixture/input.txt', Buffer.from(text), ruleset, {}).findings.filter((f) => f.ruleId === 'azure.function-key');
    expect(found.map((f) => f.rawSecret)).toEqual([value, `${value}==`]);
  });
});

describe('a value never runs across a line end (issue 24, deliver 4)', () => {
  const ruleset = compileRuleset(builtinRules());
  const secretsOf = (rule: Rule, text: string) =>
    scanContent(rule.paths ? pathFor(rule) : 'fixture/input.txt', Buffer.from(text), ruleset, {})
      .findings.filter((f) => f.ruleId === rule.id)
      .map((f) => f.rawSecret);
  /** A file name the rule's `paths` accept. */
  const pathFor = (rule: Rule) =>
    ['fixture/.env', 'fixture/app.properties', 'fixture/config.yaml', 'fixture/notes.txt', 'fixture/.netrc', 'fixture/.pypirc', 'fixture/main.tf'].find((p) =>
      new RegExp(rule.paths!, 'i').test(p),
    ) ?? 'fixture/input.txt';

  it('for every built-in rule with single-line secrets, a next line appended to an example leaves its secrets as they were', () => {
    const changed: string[] = [];
    for (const rule of builtinRules()) {
      for (const example of rule.examples) {
        if (/^(?:file|path):/.test(example)) continue;
        const before = secretsOf(rule, example);
        // Private keys (PEM bodies, cut or whole) continue on the next line by nature.
        if (rule.id.startsWith('key.') || before.some((secret) => /[\r\n]/.test(secret))) continue;
        const next = 'Xq7Lm2Vb9Nc4Hd1Fg5Jt8Rw3Ys6Zp0Kc';
        const after = secretsOf(rule, `${example}\n${next}`);
        // Every secret found before is found as it was; none spans the line end or takes the next line's text.
        // (A name-near-value rule may also report the next line's value as a key of its own: that is a second
        // finding, not a value run across a line end.)
        const runOn = after.some((secret) => /[\r\n]/.test(secret) || (secret.includes(next) && secret !== next));
        const kept = before.every((secret) => after.includes(secret));
        if (runOn || !kept) changed.push(rule.id);
      }
    }
    expect([...new Set(changed)]).toEqual([]);
  });

  it('nor past the closing quote of its own literal: text glued after that quote never joins the secret', () => {
    const changed: string[] = [];
    for (const rule of builtinRules()) {
      for (const example of rule.examples) {
        if (/^(?:file|path):/.test(example)) continue;
        const path = rule.paths ? pathFor(rule) : 'fixture/input.txt';
        for (const f of scanContent(path, Buffer.from(example), ruleset, {}).findings.filter((x) => x.ruleId === rule.id)) {
          // The offset just past the secret, on its line; only secrets that end at a quote are probed.
          const lines = example.split('\n');
          const at = lines.slice(0, f.endLine - 1).reduce((n, l) => n + l.length + 1, 0) + f.endColumn - 1;
          if (!/["'`]/.test(example[at] ?? '')) continue;
          const glued = `${example.slice(0, at + 1)}Zq8mK3vLx7RwPn5${example.slice(at + 1)}`;
          // Found or not, no secret may now take the quote or what follows it.
          if (secretsOf(rule, glued).some((secret) => secret.startsWith(f.rawSecret) && secret !== f.rawSecret)) changed.push(rule.id);
        }
      }
    }
    expect([...new Set(changed)]).toEqual([]);
  });
});

describe('the compiled rule file', () => {
  it('is ASCII (hush reads it as one-byte text) and decodes to the data, non-ASCII text included', () => {
    const read = (name: string) => {
      const bytes = readFileSync(fileURLToPath(new URL(`../dist/${name}`, import.meta.url)));
      expect(bytes.every((b) => b < 0x80)).toBe(true);
      const data = JSON.parse(bytes.toString('latin1')) as unknown;
      expect(data).toEqual(JSON.parse(bytes.toString('utf8')));
      return data;
    };
    const data = read('builtin.json') as { version: string; rules: Rule[] };
    const playbooks = read('playbooks.json') as { version: string; playbooks: Playbook[] };
    // Some of the data is not ASCII (typographic dashes and quotes in descriptions): escaped, not lost.
    expect(/[\u0080-\uffff]/.test(JSON.stringify(data))).toBe(true);
    expect(builtinRules().map((r) => r.description)).toEqual(data.rules.map((r) => r.description));
    // The playbooks are a file of their own, of the same build.
    expect(playbooks.version).toBe(data.version);
    expect(builtinPlaybooks().map((p) => p.id)).toEqual(playbooks.playbooks.map((p) => p.id));
    expect(data).not.toHaveProperty('playbooks');
  });
});
