// Shared by the hook tests: temporary repositories with real git, the real CLI, and `git commit`
// run as a user runs it (hooks enabled).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { GIT_ENV, commit, initRepo, write } from '../../../test-support/git.js';
import { hushBin, perTestTemp } from '../../../test-support/helpers.js';

export const TOKEN = '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';
export const env = { ...process.env, ...GIT_ENV };

export function hookRepos() {
  const temp = perTestTemp();
  return {
    temp,
    /** A repository with one commit. */
    repo: (files: Record<string, string> = { 'README.md': '# r\n' }): string => {
      const dir = temp.dir('hush-hook-');
      initRepo(dir);
      commit(dir, files, 'init');
      return dir;
    },
  };
}

export const hush = (cwd: string, ...args: string[]) => execFileSync(hushBin, args, { cwd, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });

/** Runs a git command with hooks enabled; returns its exit code and output. */
export function gitRun(cwd: string, ...args: string[]) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, output: r.stdout + r.stderr };
}

export const tryCommit = (cwd: string, message: string) => gitRun(cwd, 'commit', '-q', '-m', message);

/**
 * What `npm install --save-dev hush-scan` leaves for `npx --no-install hush`: a `hush` bin in the
 * project's node_modules/.bin (here a shim to this checkout's CLI), ignored by git.
 */
export function installProjectHush(dir: string): void {
  write(dir, 'node_modules/.bin/hush', `#!/bin/sh\nexec '${hushBin}' "$@"\n`);
  chmodSync(join(dir, 'node_modules/.bin/hush'), 0o755);
  write(dir, '.gitignore', 'node_modules/\n');
}
