// The pre-commit hook with real git commits: blocks secrets, passes clean commits, chains and
// restores an existing hook exactly, and works with core.hooksPath.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIT_ENV, commit, git, initRepo, write } from '../../cli/test/git-helpers.js';
import { hushBin, perTestTemp } from '../../cli/test/helpers.js';
import { installProjectHush } from './hook-helpers.js';

const TOKEN = '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';
const temp = perTestTemp();

function repo(): string {
  const dir = temp.dir('hush-hook-');
  initRepo(dir);
  commit(dir, { 'README.md': '# r\n' }, 'init');
  return dir;
}
const hush = (cwd: string, ...args: string[]) => execFileSync(hushBin, args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
/** `git commit` as a user runs it, hooks enabled; returns its exit code and stderr. */
function tryCommit(cwd: string, message: string) {
  const r = spawnSync('git', ['commit', '-q', '-m', message], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status, stderr: r.stderr };
}

describe('hush hook', () => {
  it('blocks a commit that adds a secret with a readable message, passes a clean one, and leaves index and tree alone', () => {
    const dir = repo();
    expect(hush(dir, 'hook', 'install')).toMatch(/installed at .*pre-commit \(git\)/);
    write(dir, 'app.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 'app.env');
    const statusBefore = git(dir, 'status', '--porcelain');
    const stagedBefore = git(dir, 'ls-files', '--stage');
    // The hook's own run, outside git commit: the index file must not change by a single byte.
    const indexBefore = readFileSync(join(dir, '.git/index'));
    const direct = spawnSync(hushBin, ['hook', 'run'], { cwd: dir, encoding: 'utf8' });
    expect(direct.status).toBe(1);
    expect(readFileSync(join(dir, '.git/index')).equals(indexBefore)).toBe(true);
    const blocked = tryCommit(dir, 'add token');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('the commit is blocked');
    expect(blocked.stderr).toContain('app.env:1:14');
    expect(blocked.stderr).toContain('Revoke it');
    expect(blocked.stderr).toContain('hush:ignore');
    expect(blocked.stderr.trim().split('\n').pop()).toMatch(/--no-verify/);
    expect(blocked.stderr).not.toContain(TOKEN);
    expect(git(dir, 'status', '--porcelain')).toBe(statusBefore);
    expect(git(dir, 'ls-files', '--stage')).toBe(stagedBefore);
    git(dir, 'reset', '-q', 'app.env');
    write(dir, 'notes.txt', 'hello\n');
    git(dir, 'add', 'notes.txt');
    expect(tryCommit(dir, 'clean').code).toBe(0);
  });

  it('keeps an existing pre-commit hook running (it can still block) and restores it byte for byte', () => {
    const dir = repo();
    const hookFile = join(dir, '.git/hooks/pre-commit');
    const original = '#!/bin/sh\n# team hook\nif git diff --cached --name-only | grep -q BLOCKME; then echo "team hook says no" >&2; exit 3; fi\n';
    writeFileSync(hookFile, original);
    chmodSync(hookFile, 0o750);
    hush(dir, 'hook', 'install');
    const installedOnce = readFileSync(hookFile);
    expect(hush(dir, 'hook', 'install')).toMatch(/already installed/);
    expect(readFileSync(hookFile).equals(installedOnce)).toBe(true);
    expect(hush(dir, 'hook', 'status')).toMatch(/^installed: .*chained/);
    write(dir, 'BLOCKME.txt', 'x\n');
    git(dir, 'add', 'BLOCKME.txt');
    const blocked = tryCommit(dir, 'team says no');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('team hook says no');
    git(dir, 'reset', '-q', 'BLOCKME.txt');
    write(dir, 's.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 's.env');
    expect(tryCommit(dir, 'secret').stderr).toContain('the commit is blocked');
    expect(hush(dir, 'hook', 'uninstall')).toMatch(/original hook restored/);
    expect(readFileSync(hookFile, 'utf8')).toBe(original);
    expect(statSync(hookFile).mode & 0o777).toBe(0o750);
    expect(hush(dir, 'hook', 'status')).toMatch(/^not installed/);
  });

  it('installs into core.hooksPath and blocks a secret commit there', () => {
    const dir = repo();
    git(dir, 'config', 'core.hooksPath', '.githooks');
    installProjectHush(dir);
    expect(hush(dir, 'hook', 'install')).toMatch(/\.githooks\/pre-commit \(hooksPath\)/);
    write(dir, 's.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 's.env');
    expect(tryCommit(dir, 'secret').code).not.toBe(0);
    expect(tryCommit(dir, 'secret').stderr).toContain('the commit is blocked');
    expect(hush(dir, 'hook', 'uninstall')).toMatch(/removed from/);
    expect(tryCommit(dir, 'secret').code).toBe(0);
  });

  it('works from a linked worktree: install once, the worktree’s staged secret is blocked', () => {
    const dir = repo();
    const wt = join(temp.dir('hush-worktree-'), 'wt');
    git(dir, 'worktree', 'add', '-q', '-b', 'feature', wt);
    expect(hush(wt, 'hook', 'install')).toMatch(/pre-commit \(git\)/);
    write(wt, 'leak.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(wt, 'add', 'leak.env');
    const blocked = tryCommit(wt, 'leak from worktree');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('leak.env:1:14');
    hush(wt, 'hook', 'uninstall');
  });
});
