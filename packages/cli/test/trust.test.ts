// A pull request must not judge itself: range audits go by the base revision's config and baseline.
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commit, git, GIT_ENV, initRepo, write } from '../../../test-support/git.js';
import { runHush } from './helpers.js';
import { perTestTemp, repoRoot } from '../../../test-support/helpers.js';

const TOKEN = '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';
const NPM = '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';
const ALLOW_EVERYTHING = JSON.stringify({ allow: { paths: ['**'] } });
const temp = perTestTemp();

/** main with one clean commit, then a branch `pr` checked out. */
function repoWithBranch(base: Record<string, string> = { 'README.md': '# app\n' }): string {
  const dir = initRepo(temp.dir('hush-trust-'));
  commit(dir, base, 'base');
  git(dir, 'checkout', '-q', '-b', 'pr');
  return dir;
}

async function audit(dir: string, ...args: string[]) {
  const run = await runHush(['audit', dir, '--no-cache', '-f', 'json', ...args]);
  return { ...run, report: run.stdout ? JSON.parse(run.stdout) : undefined };
}

const ruleIds = (report: { findings: Array<{ ruleId: string; path: string }> }) => report.findings.map((f) => `${f.ruleId} ${f.path}`).sort();

describe('range audits read configuration from the base revision', () => {
  it('a PR adding a secret and a .hush.json that allows every path fails, and says its config changed', async () => {
    const dir = repoWithBranch();
    commit(dir, { 'new.env': `GITHUB_TOKEN=${TOKEN}\n`, '.hush.json': ALLOW_EVERYTHING }, 'add a secret and allow it');
    for (const args of [
      ['--range', 'main..pr'],
      ['--since', 'main'],
      ['--range', 'main...pr'],
    ]) {
      const { code, report, stderr } = await audit(dir, ...args);
      expect(stderr, args.join(' ')).toBe('');
      expect(code, args.join(' ')).toBe(1);
      expect(ruleIds(report)).toEqual(['github.classic-pat new.env', 'hush.config-change .hush.json']);
      expect(report.warnings.join('\n')).toContain("this change edits hush's configuration (.hush.json)");
    }
    const text = await runHush(['audit', dir, '--no-cache', '--range', 'main..pr']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('this change edits hush’s configuration');
    expect(text.stdout).toContain('--trust-config-changes');
    // The config change is counted apart from the secrets, and shows no secret of its own.
    expect(text.stdout).toMatch(/✖ 1 secret found \(1 critical\) in 1 file; .*; 1 change to hush's configuration to review\./);
    expect(text.stdout).toContain('.hush.json  changed in the audited range');
    const sarif = JSON.parse((await runHush(['audit', dir, '--no-cache', '--range', 'main..pr', '-f', 'sarif'])).stdout);
    const change = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'hush.config-change');
    expect(change.message.text).toContain('--trust-config-changes');
    expect(change.locations[0].physicalLocation.artifactLocation.uri).toBe('.hush.json');
  });

  it('a PR adding a .hush-baseline.json that accepts its own secret fails', async () => {
    const dir = repoWithBranch();
    write(dir, 'new.env', `GITHUB_TOKEN=${TOKEN}\n`);
    // The PR's author baselines the secret with hush itself, so the entry is exactly what hush would accept.
    expect((await runHush(['baseline', dir])).code).toBe(0);
    git(dir, 'add', 'new.env', '.hush-baseline.json');
    git(dir, 'commit', '-q', '-m', 'add a secret and accept it');
    const { code, report } = await audit(dir, '--range', 'main..pr');
    expect(code).toBe(1);
    expect(ruleIds(report)).toEqual(['github.classic-pat new.env', 'hush.config-change .hush-baseline.json']);
    // Trusted, the PR's baseline applies (and nothing else is left to fail on).
    const trusted = await audit(dir, '--range', 'main..pr', '--trust-config-changes');
    expect(trusted.code).toBe(0);
    expect(trusted.report.findings).toEqual([]);
    expect(trusted.report.warnings.join('\n')).toContain('applied, as --trust-config-changes was given');
  });

  it('with --trust-config-changes the changed .hush.json applies', async () => {
    const dir = repoWithBranch();
    commit(dir, { 'new.env': `GITHUB_TOKEN=${TOKEN}\n`, '.hush.json': ALLOW_EVERYTHING }, 'add a secret and allow it');
    const { code, report, stderr } = await audit(dir, '--range', 'main..pr', '--trust-config-changes');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('the base revision’s config and baseline apply, whatever the working tree or the PR says', async () => {
    // main allow-lists legacy/ and accepts one known secret in its baseline.
    const dir = initRepo(temp.dir('hush-trust-'));
    write(dir, 'known.env', `NPM_TOKEN=${NPM}\n`);
    write(dir, '.hush.json', JSON.stringify({ allow: { paths: ['legacy/**'] } }));
    expect((await runHush(['baseline', dir])).code).toBe(0);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base with config and baseline');
    git(dir, 'checkout', '-q', '-b', 'pr');
    // The PR copies the accepted secret, adds one under the allow-listed path, and adds a real one.
    commit(dir, { 'copy.env': `NPM_TOKEN=${NPM}\n`, 'legacy/old.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'copy and legacy');
    commit(dir, { 'src/new.env': `CI_GITHUB_TOKEN=${TOKEN}\n` }, 'new');
    // An uncommitted working-tree config and baseline that would hide everything are not read.
    writeFileSync(join(dir, '.hush.json'), ALLOW_EVERYTHING);
    writeFileSync(join(dir, '.hush-baseline.json'), '{"version": 1, "entries": []}\n');
    const { code, report, stderr } = await audit(dir, '--range', 'main..pr');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(ruleIds(report)).toEqual(['github.classic-pat src/new.env']);
    expect(report.warnings.join('\n')).not.toContain('edits hush');
  });

  it('with --config naming another file, the repository’s .hush.json (base or changed) plays no part', async () => {
    const dir = repoWithBranch({ '.hush.json': '{ not json' });
    commit(dir, { 'new.env': `GITHUB_TOKEN=${TOKEN}\n`, '.hush.json': ALLOW_EVERYTHING }, 'add a secret and allow it');
    const policy = join(temp.dir('hush-policy-'), 'policy.json');
    writeFileSync(policy, '{}');
    const { code, report, stderr } = await audit(dir, '--range', 'main..pr', '--config', policy);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(ruleIds(report)).toEqual(['github.classic-pat new.env']);
  });

  it('a full audit (no range) still reads the working tree’s config', async () => {
    const dir = repoWithBranch();
    commit(dir, { 'new.env': `GITHUB_TOKEN=${TOKEN}\n`, '.hush.json': ALLOW_EVERYTHING }, 'allow everything');
    const { code, report } = await audit(dir);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('a config that is a symlink at the base revision is refused with one line', async () => {
    const dir = initRepo(temp.dir('hush-trust-'));
    symlinkSync('/etc/passwd', join(dir, '.hush.json'));
    git(dir, 'add', '.hush.json');
    git(dir, 'commit', '-q', '-m', 'linked config');
    git(dir, 'checkout', '-q', '-b', 'pr');
    commit(dir, { 'new.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'secret');
    const run = await runHush(['audit', dir, '--no-cache', '--range', 'main..pr']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/\.hush\.json at [0-9a-f]{12}: is not a regular file/);
    expect(run.stderr).not.toContain('root:');
  });
});

describe('the GitHub Action', () => {
  /** Runs the Action's own "Run hush" step script, as the runner would, against a local repository. */
  function runActionStep(dir: string, env: Record<string, string>) {
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
    const step = action.runs.steps.find((s: { id?: string }) => s.id === 'hush');
    const output = join(temp.dir('hush-action-'), 'github-output');
    writeFileSync(output, '');
    const sarif = join(temp.dir('hush-action-'), 'hush.sarif');
    const result = spawnSync('bash', ['-e', '-c', step.run], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...GIT_ENV,
        HUSH: join(repoRoot, 'packages/cli/bin/hush.js'),
        MODE: 'audit',
        TARGET: '.',
        SARIF: sarif,
        GITHUB_OUTPUT: output,
        TRUST_CONFIG_CHANGES: 'false',
        ...env,
      },
    });
    return { status: result.status, stderr: result.stderr, output: readFileSync(output, 'utf8'), sarif: JSON.parse(readFileSync(sarif, 'utf8')) };
  }

  it('on a pull request goes by the base branch’s config and fails a PR that allow-lists its own secret', () => {
    const dir = repoWithBranch();
    const base = git(dir, 'rev-parse', 'main');
    const head = commit(dir, { 'new.env': `GITHUB_TOKEN=${TOKEN}\n`, '.hush.json': ALLOW_EVERYTHING }, 'add a secret and allow it');
    const run = runActionStep(dir, { BASE_SHA: base, HEAD_SHA: head });
    expect(run.status, run.stderr).toBe(0);
    expect(run.output).toContain('exit-code=1');
    const ids = run.sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort();
    expect(ids).toEqual(['github.classic-pat', 'hush.config-change']);
    // Only the trust-config-changes input (default "false") makes the PR's config apply.
    expect(parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')).inputs['trust-config-changes'].default).toBe('false');
    const trusted = runActionStep(dir, { BASE_SHA: base, HEAD_SHA: head, TRUST_CONFIG_CHANGES: 'true' });
    expect(trusted.output).toContain('exit-code=0');
  });
});
