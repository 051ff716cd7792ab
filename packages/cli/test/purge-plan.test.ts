// hush purge-plan, run for real: secrets in several commits (some still in HEAD, some only in history),
// the plan written 0600 outside the repository, git filter-repo --replace-text applied to a mirror
// clone, and a new audit of the rewritten history that finds none of the purged secrets.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIT_ENV, git } from './git-helpers.js';
import { perTestTemp, runHushProcess } from './helpers.js';

const temp = perTestTemp();

const SECRETS = {
  entra: 'xSd8Q~kMkO.PW2~B3DgSWF5hVMHn1uLWOzi5pV3z',
  slack: 'https://hooks.slack.com/services/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',
};

function commitAll(repo: string, message: string) {
  git(repo, 'add', '-A');
  execFileSync('git', ['commit', '-q', '--no-verify', '-m', message], { cwd: repo, env: { ...process.env, ...GIT_ENV } });
}

function repoWithSecrets(): { repo: string; key: string } {
  const repo = temp.dir('hush-purge-');
  git(repo, 'init', '-q', '-b', 'main');
  const key = execFileSync('openssl', ['genrsa', '2048'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  mkdirSync(join(repo, 'config'));
  writeFileSync(
    join(repo, 'config/appsettings.json'),
    `{\n  "AzureAd": {\n    "TenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",\n    "ClientId": "0f4a9c1e-3b7d-4e2a-9c55-8d1f6b2e7a90",\n    "ClientSecret": "${SECRETS.entra}"\n  }\n}\n`,
  );
  commitAll(repo, 'settings');
  writeFileSync(join(repo, 'notify.env'), `SLACK_WEBHOOK=${SECRETS.slack}\n`);
  writeFileSync(join(repo, 'deploy.pem'), `${key}\n`);
  commitAll(repo, 'notifier and deploy key');
  git(repo, 'rm', '-q', 'notify.env', 'deploy.pem');
  commitAll(repo, 'remove notifier and key');
  writeFileSync(join(repo, 'README.md'), '# app\n');
  commitAll(repo, 'readme');
  return { repo, key };
}

/** Every blob in every ref, as one text (what a clone would carry). */
const historyText = (gitDir: string) =>
  execFileSync('git', ['--git-dir', gitDir, 'log', '--all', '-p', '--no-color'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('hush purge-plan', () => {
  it('writes a 0600 filter-repo plan that, applied to a mirror, leaves no found secret in history', () => {
    const { repo, key } = repoWithSecrets();
    const plan = join(temp.dir('hush-plan-'), 'purge.txt');
    const made = runHushProcess(['purge-plan', repo, '--output', plan]);
    expect(made.code, made.stderr).toBe(0);
    expect(statSync(plan).mode & 0o777).toBe(0o600);
    expect(made.stdout).toMatch(/Rotate every secret first/);
    const steps = made.stdout.split('\n').filter((l) => /^\s+\d+\. /.test(l));
    expect(steps.map((s) => s.replace(/^\s+\d+\. /, '').split(/[:,]/)[0])).toEqual([
      'Rotate every secret first',
      'Tell collaborators',
      'Work on a fresh mirror clone',
      'Rewrite',
      'Check the result',
      'Publish',
      'Ask the hosting provider to drop cached views',
      'Delete the expressions file',
    ]);
    // The terminal never shows the secrets; only the file holds them.
    expect(made.stdout).not.toContain(SECRETS.entra);
    const expressions = readFileSync(plan, 'utf8');
    expect(expressions).toContain(SECRETS.entra);
    expect(historyText(join(repo, '.git'))).toContain(SECRETS.slack);

    const mirror = join(temp.dir('hush-mirror-'), 'purge.git');
    git(repo, 'clone', '-q', '--mirror', repo, mirror);
    const rewrite = spawnSync('git', ['filter-repo', '--replace-text', plan], { cwd: mirror, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
    expect(rewrite.status, rewrite.stderr).toBe(0);

    const after = historyText(mirror);
    for (const secret of [SECRETS.entra, SECRETS.slack, ...key.split('\n').slice(1, -1)]) expect(after).not.toContain(secret);
    expect(after).toContain('***REMOVED***');
    const audit = runHushProcess(['audit', mirror, '--no-cache', '--format', 'json']);
    expect(audit.stderr).not.toMatch(/error/i);
    const findings = JSON.parse(audit.stdout).findings as Array<{ ruleId: string }>;
    expect(findings.map((f) => f.ruleId)).toEqual([]);
    expect(audit.code).toBe(0);
  });

  it('a purged .env passes its re-audit: hush never reports its own ***REMOVED*** marker (issue 22)', () => {
    const repo = temp.dir('hush-purge-env-');
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, '.env'), 'TOKEN=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\n');
    commitAll(repo, 'env');
    const plan = join(temp.dir('hush-plan-'), 'purge.txt');
    expect(runHushProcess(['purge-plan', repo, '--output', plan]).code).toBe(0);
    const mirror = join(temp.dir('hush-mirror-'), 'purge.git');
    git(repo, 'clone', '-q', '--mirror', repo, mirror);
    const rewrite = spawnSync('git', ['filter-repo', '--replace-text', plan], { cwd: mirror, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
    expect(rewrite.status, rewrite.stderr).toBe(0);
    expect(historyText(mirror)).toContain('TOKEN=***REMOVED***');
    const audit = runHushProcess(['audit', mirror, '--no-cache']);
    expect(audit.stdout).toContain('no secrets found');
    expect(audit.code, audit.stdout).toBe(0);
    // The same line in a work tree: no finding either.
    const tree = temp.dir('hush-purged-tree-');
    writeFileSync(join(tree, '.env'), 'TOKEN=***REMOVED***\nAPI_KEY=***REMOVED***-suffix\n');
    const scan = runHushProcess(['scan', tree]);
    expect(scan.code, scan.stdout).toBe(0);
  });

  it('chooses what to purge: --only-history, --only-in-tree, --rules', () => {
    const { repo } = repoWithSecrets();
    const dir = temp.dir('hush-plan-');
    expect(runHushProcess(['purge-plan', repo, '-o', join(dir, 'history.txt'), '--only-history']).code).toBe(0);
    const history = readFileSync(join(dir, 'history.txt'), 'utf8');
    expect(history).toContain(SECRETS.slack);
    expect(history).not.toContain(SECRETS.entra);
    expect(runHushProcess(['purge-plan', repo, '-o', join(dir, 'tree.txt'), '--only-in-tree']).code).toBe(0);
    const tree = readFileSync(join(dir, 'tree.txt'), 'utf8');
    expect(tree).toContain(SECRETS.entra);
    expect(tree).not.toContain(SECRETS.slack);
    expect(runHushProcess(['purge-plan', repo, '-o', join(dir, 'slack.txt'), '--rules', 'slack.webhook-url']).code).toBe(0);
    const slack = readFileSync(join(dir, 'slack.txt'), 'utf8');
    expect(slack).toContain(SECRETS.slack);
    expect(slack).not.toContain(SECRETS.entra);
    expect(runHushProcess(['purge-plan', repo, '-o', join(dir, 'both.txt'), '--only-history', '--only-in-tree']).code).toBe(2);
  });

  it('leaves out what the baseline accepts unless asked', () => {
    const { repo } = repoWithSecrets();
    expect(runHushProcess(['baseline', '--history'], repo).code).toBe(0);
    const dir = temp.dir('hush-plan-');
    const none = runHushProcess(['purge-plan', repo, '-o', join(dir, 'plan.txt')]);
    expect(none.code, none.stderr).toBe(0);
    expect(existsSync(join(dir, 'plan.txt'))).toBe(false);
    expect(runHushProcess(['purge-plan', repo, '-o', join(dir, 'plan.txt'), '--include-baselined']).code).toBe(0);
    expect(readFileSync(join(dir, 'plan.txt'), 'utf8')).toContain(SECRETS.entra);
  });

  it('refuses a path inside the work tree or .git (also through a link), with exit 2 and nothing written', () => {
    const { repo } = repoWithSecrets();
    const outside = temp.dir('hush-plan-');
    symlinkSync(join(repo, 'config'), join(outside, 'into-repo'));
    for (const target of [
      join(repo, 'purge.txt'),
      join(repo, '.git', 'purge.txt'),
      join(repo, 'config', 'purge.txt'),
      join(outside, 'into-repo', 'purge.txt'),
    ]) {
      const refused = runHushProcess(['purge-plan', repo, '--output', target]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/refusing to write the purge plan inside the repository/);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(target)).toBe(false);
    }
    expect(runHushProcess(['purge-plan', repo]).code).toBe(2);
  });
});
