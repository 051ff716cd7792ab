// What a pusher controls on the pre-receive path (file contents and names, ref names, push options,
// the push's own .hush.json and baseline, .gitmodules) must not change the verdict, run anything,
// read or write outside the repository, or reach the pusher's terminal unescaped. And only
// `hush pre-receive` lets git see a push's quarantined objects: other commands still drop GIT_*.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIT_ENV, commit, git, initRepo } from './git-helpers.js';
import { githubToken, push, testPolicy } from './git-servers.js';
import { perTestTemp, runHushProcess } from './helpers.js';
import { leakedChunk } from './leak-helpers.js';

const temp = perTestTemp();

function server(policy?: Record<string, unknown>): { base: string; bare: string; work: string } {
  const base = temp.dir('hush-hostile-pr-');
  const bare = join(base, 'srv.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare], { env: { ...process.env, ...GIT_ENV } });
  git(bare, 'config', 'receive.advertisePushOptions', 'true');
  writeFileSync(join(bare, 'hush.json'), testPolicy(policy));
  expect(runHushProcess(['hook', 'install', '--server'], bare).code).toBe(0);
  const work = join(base, 'work');
  mkdirSync(work);
  initRepo(work);
  commit(work, { 'README.md': 'hello\n' }, 'initial');
  git(work, 'remote', 'add', 'origin', `file://${bare}`);
  return { base, bare, work };
}

const tip = (bare: string, ref: string) => {
  try {
    return git(bare, 'rev-parse', '--verify', '--quiet', ref);
  } catch {
    return '';
  }
};

describe('hostile pushes to hush pre-receive', () => {
  it('a baseline and a .hush.json in the push that would accept the secret change nothing', async () => {
    const { bare, work } = server();
    const secret = githubToken();
    commit(work, { 'svc.env': `GITHUB_TOKEN=${secret}\n` }, 'token');
    // A real baseline accepting exactly this secret, and a config pointing elsewhere.
    expect(runHushProcess(['baseline'], work).code).toBe(0);
    commit(work, { '.hush.json': JSON.stringify({ allow: { secrets: ['.*'] } }) }, 'accept it');
    git(work, 'add', '.hush-baseline.json');
    git(work, 'commit', '-q', '-m', 'baseline');
    const result = await push(work, ['origin', 'main']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('this push adds 1 secret');
    const note = result.stderr.replace(/\s*\nremote: /g, ' ');
    expect(note).toContain('[hush.config-change]: this push edits .hush-baseline.json and .hush.json');
    expect(tip(bare, 'refs/heads/main')).toBe('');
    expect(leakedChunk(result.stderr, secret)).toBeUndefined();
  });

  it('file names with terminal escapes reach the pusher escaped', async () => {
    const { work } = server();
    const secret = githubToken();
    commit(work, { 'x\x1b]0;owned\x07\x1b[2J.env': `GITHUB_TOKEN=${secret}\n` }, 'escape');
    const result = await push(work, ['origin', 'main']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('this push adds 1 secret');
    expect(result.stderr).not.toContain('\x1b');
    expect(result.stderr).not.toContain('\x07');
  });

  it('a ref named like an option is never read as one (nothing is written where it points)', async () => {
    const { base, bare, work } = server();
    const outside = join(base, 'outside.txt');
    const secret = githubToken();
    commit(work, { 'a.env': `GITHUB_TOKEN=${secret}\n` }, 'token');
    const ref = `refs/heads/--output=${outside}`;
    const result = await push(work, ['origin', `main:${ref}`]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('this push adds 1 secret');
    expect(existsSync(outside)).toBe(false);
    expect(tip(bare, ref)).toBe('');
  });

  it('a .gitmodules with an ext:: URL in the push runs nothing and fetches nothing', async () => {
    const { base, work } = server();
    const marker = join(base, 'marker');
    const script = join(base, 'evil.sh');
    writeFileSync(script, `#!/bin/sh\necho ran >> '${marker}'\n`);
    chmodSync(script, 0o755);
    const sub = join(base, 'sub');
    mkdirSync(sub);
    initRepo(sub);
    const subHead = commit(sub, { 'x.txt': 'x\n' }, 'sub');
    writeFileSync(join(work, '.gitmodules'), `[submodule "lib"]\n\tpath = lib\n\turl = ext::${script} %S\n`);
    git(work, 'add', '.gitmodules');
    git(work, 'update-index', '--add', '--cacheinfo', `160000,${subHead},lib`);
    git(work, 'commit', '-q', '-m', 'submodule');
    const result = await push(work, ['origin', 'main']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('a break-glass reason with control characters is logged as one JSON line and shown escaped', async () => {
    const { bare, work } = server({ server: { allowBypass: true } });
    commit(work, { 'k.env': `GITHUB_TOKEN=${githubToken()}\n` }, 'token');
    // git itself refuses a push option with a newline; every other control character gets through.
    const reason = 'fix\x1b[31m now\tand\x07 then';
    const result = await push(work, ['-o', `hush.allow=${reason}`, 'origin', 'main']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('\x1b');
    const log = readFileSync(join(bare, 'hush-bypass.log'), 'utf8');
    expect(log.endsWith('\n')).toBe(true);
    expect(log.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(log).reason).toBe(reason);
  });
});

describe('the quarantine variables pass only for hush pre-receive', () => {
  it('hush audit ignores an inherited GIT_OBJECT_DIRECTORY and audits its own repository', () => {
    const repo = initRepo(temp.dir('hush-quarantine-'));
    commit(repo, { 'a.env': `GITHUB_TOKEN=${githubToken()}\n` }, 'token');
    const empty = temp.dir('hush-quarantine-objects-');
    mkdirSync(join(empty, 'objects'));
    const result = runHushProcess(['audit', '--no-cache'], repo, { GIT_OBJECT_DIRECTORY: join(empty, 'objects'), GIT_QUARANTINE_PATH: join(empty, 'objects') });
    expect(result.stderr).not.toMatch(/^hush: .*failed/m);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('a.env');
  });
});
