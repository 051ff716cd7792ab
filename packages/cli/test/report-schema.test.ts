// The JSON report validates against its published schema for scan, audit and staged, and names the
// repository (remote without credentials, HEAD commit) so reports of many repositories can be merged.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from '../../../test-support/git.js';
import { runHush } from './helpers.js';
import { perTestTemp } from '../../../test-support/helpers.js';
import { schemaErrors } from './report-schemas.js';

const TOKEN = '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';
const temp = perTestTemp();

function repoWithSecret(): { dir: string; head: string; password: string } {
  const dir = initRepo(temp.dir());
  const password = randomBytes(8).toString('hex');
  git(dir, 'remote', 'add', 'origin', `https://ci-bot:${password}@git.example.com/acme/app.git`);
  commit(dir, { 'README.md': '# app\n' }, 'first');
  const head = commit(dir, { 'config/.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'settings');
  return { dir, head, password };
}

describe('the JSON report schema', () => {
  it('scan, audit and staged reports validate and name the repository without its credentials', async () => {
    const { dir, head, password } = repoWithSecret();
    write(dir, 'staged.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 'staged.env');
    for (const args of [['scan', '.'], ['audit', '.'], ['staged']]) {
      const run = await runHush([...args, '--format', 'json'], dir);
      expect(run.code, `${args[0]}: ${run.stderr}`).toBe(1);
      const report = JSON.parse(run.stdout);
      expect(schemaErrors('report', report), args[0]).toEqual([]);
      expect(report.findings.length, args[0]).toBeGreaterThan(0);
      expect(report.repository, args[0]).toEqual({ remoteUrl: 'https://git.example.com/acme/app.git', head, branch: 'main' });
      expect(run.stdout).not.toContain(password);
    }
  });

  it('a report that counts locations it left out validates', async () => {
    const dir = initRepo(temp.dir());
    const files: Record<string, string> = {};
    for (let i = 0; i < 102; i++) files[`copies/${i}.env`] = `GITHUB_TOKEN=${TOKEN}\n`;
    commit(dir, files, 'one secret at 102 places');
    const run = await runHush(['audit', '.', '--format', 'json'], dir);
    const report = JSON.parse(run.stdout);
    expect(report.stats.locationsOmitted).toBe(2);
    expect(schemaErrors('report', report)).toEqual([]);
  });

  it('a scan outside any repository has no repository, and still validates', async () => {
    const dir = temp.dir();
    write(dir, 'app.env', `GITHUB_TOKEN=${TOKEN}\n`);
    const run = await runHush(['scan', dir, '--format', 'json'], dir);
    const report = JSON.parse(run.stdout);
    expect(schemaErrors('report', report)).toEqual([]);
    expect(report.repository).toBeUndefined();
  });

  it('the schema is not a formality: it rejects a report that lost a field or leaks a credential', async () => {
    const { dir } = repoWithSecret();
    const report = JSON.parse((await runHush(['audit', '.', '--format', 'json'], dir)).stdout);
    const { secretHash: _dropped, ...finding } = report.findings[0];
    expect(schemaErrors('report', { ...report, findings: [finding] })).not.toEqual([]);
    expect(schemaErrors('report', { ...report, repository: { remoteUrl: 'https://bot:pw@git.example.com/a.git' } })).not.toEqual([]);
    expect(schemaErrors('report', { ...report, findings: [{ ...report.findings[0], secretHash: TOKEN }] })).not.toEqual([]);
  });
});
