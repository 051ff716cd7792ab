// Rule data features a repository's own rules can use (issue 23.4) through the real CLI: named path
// classes; and the one they cannot: `verify`, which would let a repository choose where a value is sent.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTestTemp, runHushProcess } from './helpers.js';

const temp = perTestTemp();

function project(files: Record<string, string>): string {
  const dir = temp.dir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const acmeRule = {
  id: 'acme.gateway-token',
  title: 'ACME gateway token',
  description: 'Tokens of the ACME gateway.',
  severity: 'high',
  keywords: ['acmegw_'],
  pattern: '\\b(?<secret>acmegw_[a-z0-9]{24})\\b',
  examples: [],
};

describe('a repository rule', () => {
  it('names path classes to skip (tests, documentation) instead of writing their regexes', () => {
    const dir = project({
      '.hush.json': JSON.stringify({ rules: [{ ...acmeRule, skipPathClasses: ['tests', 'documentation'] }] }),
      'src/gateway.env': 'GW=acmegw_k3j4h5g6f7d8s9a0q1w2e3r4\n',
      'tests/fixtures/gateway.env': 'GW=acmegw_z9y8x7w6v5u4t3s2r1q0p9o8\n',
      'docs/setup.md': 'Set GW=acmegw_m1n2b3v4c5x6z7l8k9j0h1g2\n',
    });
    const run = runHushProcess(['scan', dir, '--format', 'json']);
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; path: string }> }).findings;
    expect(findings.map((f) => [f.ruleId, f.path])).toEqual([['acme.gateway-token', 'src/gateway.env']]);
    expect(run.code).toBe(1);
  });

  it('naming an unknown path class is a configuration error (exit 2, one line)', () => {
    const dir = project({ '.hush.json': JSON.stringify({ rules: [{ ...acmeRule, skipPathClasses: ['vendored'] }] }), 'a.txt': 'x\n' });
    const run = runHushProcess(['scan', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/skipPathClasses/);
  });

  it('cannot declare verification: nothing a repository writes may send a value to a provider', () => {
    const dir = project({ '.hush.json': JSON.stringify({ rules: [{ ...acmeRule, verify: 'github' }] }), 'a.txt': 'x\n' });
    const run = runHushProcess(['scan', dir, '--verify']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/verify is only for built-in rules/);
  });
});
