// Detection through the real built CLI: what is reported, what stays quiet, and what is shown only
// under --include-suppressed (with the reason), on real files in a temporary directory.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTestTemp, runHushProcess } from './helpers.js';

const temp = perTestTemp();

interface JsonFinding {
  ruleId: string;
  severity: string;
  details?: Record<string, unknown>;
  suppression?: { kind: string; reason: string };
}

function scanJson(files: Record<string, string>, extra: string[] = []): { code: number; findings: JsonFinding[]; stdout: string } {
  const dir = temp.dir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const result = runHushProcess(['scan', dir, '--format', 'json', ...extra]);
  expect(result.stderr).toBe('');
  return { code: result.code, findings: (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings, stdout: result.stdout };
}

describe('checksum-failing tokens', () => {
  // Same shape as a GitHub classic PAT / npm token, but the last 6 characters are not the CRC-32 of the rest.
  const badGithub = 'ghp_' + 'Zx8Kq2Lm9Vb4Nc7Hd1Fg5Jt3Rw6Ys0' + 'aaaa11';
  const badNpm = 'npm_' + 'Wq3Er5Ty7Ui9Op1As2Df4Gh6Jk8Lz0' + 'bbbb22';

  it('are not reported and do not fail the scan', () => {
    const { code, findings } = scanJson({ 'deploy.sh': `export GH_TOKEN=${badGithub}\nexport NPM_TOKEN=${badNpm}\n` });
    expect(findings.map((f) => f.ruleId)).toEqual([]);
    expect(code).toBe(0);
  });

  it('are listed under --include-suppressed with the reason, still exit 0', () => {
    const { code, findings, stdout } = scanJson({ 'deploy.sh': `export GH_TOKEN=${badGithub}\nexport NPM_TOKEN=${badNpm}\n` }, ['--include-suppressed']);
    const byRule = new Map(findings.map((f) => [f.ruleId, f]));
    expect(byRule.get('github.classic-pat')?.suppression?.reason).toMatch(/^checksum failed/);
    expect(byRule.get('npm.access-token')?.suppression?.reason).toMatch(/^checksum failed/);
    expect(code).toBe(0);
    expect(stdout).not.toContain(badGithub);
  });
});
