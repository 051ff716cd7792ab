// Verification settings (endpoints, verify.hook) come only from configuration the user trusts: the
// user config, the command line, or a range audit's base revision; never from the repository under
// test unless --trust-repo-verify is passed (issue 21, item 3). Real git, the built CLI, a real hook
// and local listeners standing in for a host the repository chose.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GIT_ENV, commit, git, initRepo, write } from '../../../test-support/git.js';
import { perTestTemp } from '../../../test-support/helpers.js';
import { mockProvider, runHushAsync, runProcessAsync, type MockProvider } from '../../../test-support/provider-mock.js';

const TOKEN = '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';
const temp = perTestTemp();
const listeners: MockProvider[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});
/** A listener that would tell a caller the token is live. */
async function listener(): Promise<MockProvider> {
  const l = await mockProvider(() => ({ status: 200, body: { login: 'collector' } }));
  listeners.push(l);
  return l;
}
/** An empty user config directory, so no developer's own settings take part. */
function userConfigHome(verify?: unknown): NodeJS.ProcessEnv {
  const home = temp.dir('hush-xdg-');
  if (verify !== undefined) {
    mkdirSync(join(home, 'hush'));
    writeFileSync(join(home, 'hush', 'config.json'), JSON.stringify({ verify }));
  }
  return { XDG_CONFIG_HOME: home };
}
/** git run without blocking this event loop, so the listeners can record what reaches them. */
const runAsync = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) => runProcessAsync(command, args, cwd, { ...GIT_ENV, ...env });
const ignoredLines = (text: string) => text.split('\n').filter((l) => /sets verify\..*ignored/.test(l));

describe('verification settings from a repository under test', () => {
  it('a committed .hush.json with verify.hook and a github endpoint sends nothing when a commit stages a token', async () => {
    const collect = await listener();
    const env = userConfigHome();
    const dir = temp.dir('hush-verify-hook-');
    initRepo(dir);
    commit(dir, { '.hush.json': JSON.stringify({ verify: { hook: true, endpoints: { github: `${collect.url}/collect` } } }) }, 'init');
    const install = await runHushAsync(['hook', 'install'], dir, env);
    expect(install.code).toBe(0);
    write(dir, 'deploy.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 'deploy.env');
    const attempt = await runAsync('git', ['commit', '-q', '-m', 'add token'], dir, env);
    expect(attempt.code).not.toBe(0);
    expect(attempt.stderr).toMatch(/the commit is blocked/);
    expect(collect.requests).toEqual([]);
    expect(attempt.stderr).not.toContain('verification:');
    // The attempt is said once, naming the file and the settings.
    const said = ignoredLines(attempt.stderr);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/\.hush\.json sets verify\.hook, verify\.endpoints: ignored/);
    expect(attempt.stderr).not.toContain(TOKEN);
  });

  it('scan --verify ignores the repository’s endpoint (said once) unless --trust-repo-verify is given', async () => {
    const collect = await listener();
    const env = userConfigHome();
    const dir = temp.dir('hush-verify-scan-');
    write(dir, '.hush.json', JSON.stringify({ verify: { endpoints: { github: collect.url } } }));
    write(dir, 'ci.env', `GH_TOKEN=${TOKEN}\n`);
    const untrusted = await runHushAsync(['scan', '.', '--verify', '--format', 'json'], dir, { ...env, HTTPS_PROXY: '', https_proxy: '' });
    expect(collect.requests).toEqual([]);
    expect(ignoredLines(untrusted.stderr)).toHaveLength(1);
    expect(untrusted.stderr).not.toMatch(new RegExp(collect.url.replace(/^http:\/\//, '')));
    const trusted = await runHushAsync(['scan', '.', '--verify', '--trust-repo-verify', '--format', 'json'], dir, env);
    expect(trusted.code).toBe(1);
    expect(collect.requests).toHaveLength(1);
    expect(ignoredLines(trusted.stderr)).toEqual([]);
    expect(JSON.parse(trusted.stdout).findings[0].verification).toMatchObject({ status: 'live' });
  });

  it('takes endpoints and verify.hook from the user config, --verify-endpoint and a --config file of the caller’s own', async () => {
    const mine = await listener();
    const flag = await listener();
    const dir = temp.dir('hush-verify-user-');
    initRepo(dir);
    commit(dir, { 'README.md': '# r\n' }, 'init');
    write(dir, 'ci.env', `GH_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 'ci.env');
    const env = userConfigHome({ hook: true, endpoints: { github: mine.url } });
    const hook = await runHushAsync(['hook', 'run'], dir, env);
    expect(hook.code).toBe(1);
    expect(mine.requests).toHaveLength(1);
    expect(hook.stderr).toContain('verification: live');
    const viaFlag = await runHushAsync(['scan', '.', '--verify', '--verify-endpoint', `github=${flag.url}`], dir, env);
    expect(viaFlag.code).toBe(1);
    expect(flag.requests).toHaveLength(1);
    expect(mine.requests).toHaveLength(1);
    // A --config file outside every repository is the caller's own: its endpoints count.
    const named = await listener();
    const policyFile = join(temp.dir('hush-own-policy-'), 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ verify: { endpoints: { github: named.url } } }));
    const viaConfig = await runHushAsync(['scan', '.', '--verify', '--config', policyFile], dir, env);
    expect(viaConfig.code).toBe(1);
    expect(named.requests).toHaveLength(1);
    expect(ignoredLines(viaConfig.stderr)).toEqual([]);
    const bad = await runHushAsync(['scan', '.', '--verify', '--verify-endpoint', 'github=http://collector.example.com'], dir, env);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--verify-endpoint: .*https:\/\//);
  });

  it('audit --range --verify asks the base revision’s endpoint, never the one the pull request sets', async () => {
    const base = await listener();
    const pr = await listener();
    const env = userConfigHome();
    const dir = temp.dir('hush-verify-range-');
    initRepo(dir);
    commit(dir, { '.hush.json': JSON.stringify({ verify: { endpoints: { github: base.url } } }), 'README.md': '# r\n' }, 'init');
    git(dir, 'checkout', '-q', '-b', 'pr');
    commit(dir, { '.hush.json': JSON.stringify({ verify: { endpoints: { github: pr.url } } }), 'ci.env': `GH_TOKEN=${TOKEN}\n` }, 'pr');
    const run = await runHushAsync(['audit', '.', '--range', 'main..pr', '--no-cache', '--verify', '--format', 'json'], dir, env);
    expect(run.code).toBe(1);
    expect(pr.requests).toEqual([]);
    expect(base.requests).toHaveLength(1);
    const token = JSON.parse(run.stdout).findings.find((f: { ruleId: string }) => f.ruleId === 'github.classic-pat');
    expect(token.verification).toMatchObject({ status: 'live' });
  });
});
