// The policy is resolved once per run: every settings file (.hush.json, the baseline, the user's
// config) is read once, and the post-scan stage (baseline, verification, exit code) reads nothing
// again, in a tree scan with --verify, the staged scan of the hook and a range audit (which reads
// the base revision's config from git, never the work tree's). Real git, real files, a local listener.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commit, git, initRepo, write } from '../../../test-support/git.js';
import { perTestTemp } from '../../../test-support/helpers.js';
import { mockProvider, type MockProvider } from '../../../test-support/provider-mock.js';

const reads: string[] = [];
vi.mock('../src/config/settings-file.js', async (original) => {
  const real = await original<typeof import('../src/config/settings-file.js')>();
  return {
    ...real,
    readSettingsFile: (path: string, label: string, cap?: number) => {
      reads.push(path);
      return real.readSettingsFile(path, label, cap);
    },
  };
});
const { scanPaths } = await import('../src/scan/scan-tree.js');
const { scanStaged } = await import('../src/scan/scan-staged.js');
const { auditRepository } = await import('../src/audit/audit.js');
const { settle } = await import('../src/policy/post-scan.js');

const TOKEN = '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';
const temp = perTestTemp();
const listeners: MockProvider[] = [];
afterEach(async () => {
  reads.length = 0;
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

async function setUp() {
  const github = await mockProvider(() => ({ status: 200, body: { login: 'octo' } }));
  listeners.push(github);
  const home = temp.dir('hush-xdg-');
  mkdirSync(join(home, 'hush'));
  writeFileSync(join(home, 'hush', 'config.json'), JSON.stringify({ verify: { hook: true, endpoints: { github: github.url } } }));
  const dir = temp.dir('hush-policy-');
  initRepo(dir);
  commit(dir, { '.hush.json': JSON.stringify({ allow: { stopwords: ['placeholder'] } }), README: '# r\n' }, 'init');
  const env = { ...process.env, XDG_CONFIG_HOME: home };
  const notices = { text: '', stderr: (t: string) => void (notices.text += t) };
  return { github, dir, env, notices };
}
const count = (suffix: string) => reads.filter((p) => p.endsWith(suffix)).length;

describe('one policy per run', () => {
  it('a tree scan with --verify reads .hush.json, the baseline and the user config once each', async () => {
    const { github, dir, env, notices } = await setUp();
    write(dir, 'ci.env', `GH_TOKEN=${TOKEN}\n`);
    writeFileSync(join(dir, '.hush-baseline.json'), JSON.stringify({ version: 1, entries: [] }));
    const scanned = await scanPaths({ cwd: dir, verify: true, env, workers: 'never' });
    const { result, exitCode } = await settle(scanned, notices);
    expect(exitCode).toBe(1);
    expect(result.findings[0].verification?.status).toBe('live');
    expect(github.requests).toHaveLength(1);
    expect(count('.hush.json')).toBe(1);
    expect(count('.hush-baseline.json')).toBe(1);
    expect(count(join('hush', 'config.json'))).toBe(1);
  });

  it('the hook’s staged scan reads each once, and verifies under the user config’s verify.hook', async () => {
    const { github, dir, env, notices } = await setUp();
    write(dir, 'ci.env', `GH_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 'ci.env');
    const { result, exitCode } = await settle(await scanStaged({ cwd: dir, kind: 'hook', env }), notices);
    expect(exitCode).toBe(1);
    expect(result.findings[0].verification?.status).toBe('live');
    expect(github.requests).toHaveLength(1);
    expect(notices.text).toMatch(/verify\.hook is set/);
    expect(count('.hush.json')).toBe(1);
    expect(count(join('hush', 'config.json'))).toBe(1);
  });

  it('a range audit with --verify never reads the work tree’s .hush.json (the base revision’s comes from git)', async () => {
    const { github, dir, env, notices } = await setUp();
    git(dir, 'checkout', '-q', '-b', 'pr');
    commit(dir, { 'ci.env': `GH_TOKEN=${TOKEN}\n` }, 'pr');
    const audited = await auditRepository({ repo: dir, cwd: dir, range: 'main..pr', cache: false, verify: true, env, workers: 'never' });
    const { exitCode } = await settle(audited, notices);
    expect(exitCode).toBe(1);
    expect(github.requests).toHaveLength(1);
    expect(audited.policy.config.origin).toBe('base-revision');
    expect(count('.hush.json')).toBe(0);
    expect(count(join('hush', 'config.json'))).toBe(1);
  });
});

describe('worker threads when --jobs is not given', () => {
  it('a tree scan takes one per CPU; an audit leaves git one (it inflates every blob beside the scan); --jobs wins in both', async () => {
    const dir = temp.dir('hush-jobs-');
    initRepo(dir);
    commit(dir, { 'ci.env': `GH_TOKEN=${TOKEN}\n` }, 'init');
    const cpus = availableParallelism();
    const scanned = await scanPaths({ cwd: dir });
    expect(scanned.policy.settings.pool.jobs).toBe(cpus);
    const audited = await auditRepository({ repo: dir, cwd: dir, cache: false });
    expect(audited.findings.map((f) => f.ruleId)).toEqual(['github.classic-pat']);
    expect(audited.policy.settings.pool.jobs).toBe(Math.max(1, cpus - 1));
    expect((await auditRepository({ repo: dir, cwd: dir, cache: false, jobs: 3 })).policy.settings.pool.jobs).toBe(3);
    expect((await scanPaths({ cwd: dir, jobs: 3 })).policy.settings.pool.jobs).toBe(3);
  });
});

describe('SARIF line hashes, computed only where a report can show them', () => {
  it('the hook’s staged scan leaves them out and finds the same; a staged scan for reports has them', async () => {
    const dir = temp.dir('hush-linehash-');
    initRepo(dir);
    commit(dir, { 'README.md': '# r\n' }, 'init');
    write(dir, 'src/app.ts', `${'const x = 1;\n'.repeat(40)}const token = "${TOKEN}";\n`);
    git(dir, 'add', '.');
    const forReports = await scanStaged({ cwd: dir });
    const forHook = await scanStaged({ cwd: dir, kind: 'hook', lineHashes: false });
    const place = (f: { ruleId: string; path: string; line: number; column: number; secretHash: string }) =>
      `${f.ruleId} ${f.path}:${f.line}:${f.column} ${f.secretHash}`;
    expect(forReports.findings.map(place)).toEqual([expect.stringMatching(/^github\.classic-pat src\/app\.ts:41:16 /)]);
    expect(forHook.findings.map(place)).toEqual(forReports.findings.map(place));
    expect(forReports.findings[0].lineHash).toMatch(/^[0-9a-f]+:1$/);
    expect(forHook.findings[0].lineHash).toBeUndefined();
  });
});
