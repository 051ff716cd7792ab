// Settings files and odd trees that used to hang or exhaust hush (issue 21, item 7): a FIFO where
// .hush.json or .hush-baseline.json belongs, a config linked to /dev/zero outside any repository,
// and one blob at thousands of paths. The built CLI as a separate process, real git, a time limit.
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIT_ENV, commit, git, initRepo, write } from '../../../test-support/git.js';
import { hushBin, perTestTemp } from '../../../test-support/helpers.js';

const TOKEN = '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';
const temp = perTestTemp();

/** The CLI with a hard time limit: a hang shows as a killed process, not a stuck test run. */
function hush(cwd: string, ...args: string[]) {
  const r = spawnSync(hushBin, args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
const mkfifo = (path: string) => spawnSync('mkfifo', [path], { stdio: 'ignore' }).status === 0;

describe('settings files that are not regular files', () => {
  it('a FIFO at .hush.json or .hush-baseline.json: one line and exit 2 from scan, staged and audit, no hang', () => {
    for (const name of ['.hush.json', '.hush-baseline.json']) {
      const dir = initRepo(temp.dir('hush-fifo-'));
      commit(dir, { 'README.md': '# r\n' }, 'init');
      write(dir, 'app.env', `GITHUB_TOKEN=${TOKEN}\n`);
      git(dir, 'add', 'app.env');
      expect(mkfifo(join(dir, name))).toBe(true);
      for (const args of [['scan', '.'], ['staged'], ['audit', '.', '--no-cache']]) {
        const run = hush(dir, ...args);
        expect(run.signal, `${name}: hush ${args.join(' ')} hung`).toBeNull();
        expect(run.code, `${name}: hush ${args.join(' ')}`).toBe(2);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(/is not a regular file \(a FIFO\)/);
      }
    }
  });

  it('.hush.json linked to /dev/zero outside a repository: one line and exit 2, memory stays small', () => {
    const dir = temp.dir('hush-zero-');
    write(dir, 'app.env', `GITHUB_TOKEN=${TOKEN}\n`);
    symlinkSync('/dev/zero', join(dir, '.hush.json'));
    const run = hush(dir, 'scan', '.');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/\.hush\.json: is not a regular file \(a device\)/);
  });
});

describe('one blob at thousands of paths', () => {
  it('lists a secret at its first 100 locations and counts the rest, in JSON and SARIF', () => {
    const dir = initRepo(temp.dir('hush-paths-'));
    write(dir, 'seed.env', `GITHUB_TOKEN=${TOKEN}\n`);
    const oid = git(dir, 'hash-object', '-w', 'seed.env');
    const paths = 3000;
    const index = Array.from({ length: paths }, (_, i) => `100644 ${oid}\tdir${i % 50}/copy${i}.env\n`).join('');
    const added = spawnSync('git', ['update-index', '--index-info'], { cwd: dir, input: index, env: { ...process.env, ...GIT_ENV } });
    expect(added.status).toBe(0);
    git(dir, 'commit', '-q', '-m', 'copies');
    const json = hush(dir, 'audit', '.', '--format', 'json', '--no-cache');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.findings).toHaveLength(100);
    expect(report.stats.locationsOmitted).toBe(paths - 100);
    expect(report.warnings).toContain(`${paths - 100} more locations of 1 secret not listed (each secret is listed at its first 100 locations)`);
    const sarif = hush(dir, 'audit', '.', '--format', 'sarif');
    expect(sarif.code).toBe(1);
    expect(JSON.parse(sarif.stdout).runs[0].results).toHaveLength(100);
    // Reports stay small: about 2 KB a finding, not 2 KB for each of thousands of paths.
    expect(json.stdout.length).toBeLessThan(500_000);
    const text = hush(dir, 'audit', '.');
    expect(text.stdout + text.stderr).toContain(`${paths - 100} more locations`);
  });
});
