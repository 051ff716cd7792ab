// `hush hook install`/`uninstall` never write through a link the repository committed (issue 21,
// item 4): a husky hook linked to a shell start-up file, a linked .husky directory, linked
// lefthook.yml and .pre-commit-config.yaml, a core.hooksPath directory that is a committed link.
// Each: exit 2 with one line, the outside target byte for byte unchanged, nothing new in it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../../test-support/git.js';
import { hushBin } from '../../../test-support/helpers.js';
import { env, hookRepos, installProjectHush } from './hook-helpers.js';

const { temp } = hookRepos();
const BASHRC = '# my shell start-up\nexport PATH="$HOME/bin:$PATH"\n';

function hush(cwd: string, ...args: string[]) {
  const r = spawnSync(hushBin, args, { cwd, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A repository whose committed `name` is a symlink to `target` (outside it), plus the project's hush. */
function repoWithLink(name: string, target: string, extra: Record<string, string> = {}): string {
  const dir = initRepo(temp.dir('hush-linked-'));
  installProjectHush(dir);
  mkdirSync(join(dir, name, '..'), { recursive: true });
  symlinkSync(target, join(dir, name));
  git(dir, 'add', name);
  commit(dir, extra, 'a committed link');
  return dir;
}

function expectRefused(dir: string, action: 'install' | 'uninstall', manager?: string) {
  const run = hush(dir, 'hook', action, ...(manager ? ['--manager', manager] : []));
  expect(run.code, run.stdout + run.stderr).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/is a symlink; hush does not write through it/);
}

describe('hook install never writes through a committed link', () => {
  it('.husky/pre-commit linked to ~/.bashrc: refused, the file keeps its bytes', () => {
    const outside = temp.dir('hush-home-');
    writeFileSync(join(outside, '.bashrc'), BASHRC);
    const dir = repoWithLink('.husky/pre-commit', join(outside, '.bashrc'), { '.husky/.keep': '' });
    expectRefused(dir, 'install');
    expectRefused(dir, 'uninstall');
    expect(readFileSync(join(outside, '.bashrc'), 'utf8')).toBe(BASHRC);
    expect(readdirSync(outside)).toEqual(['.bashrc']);
  });

  it('a .husky directory linked outside: refused, no file appears in the target', () => {
    const outside = temp.dir('hush-husky-target-');
    writeFileSync(join(outside, 'README'), 'not yours\n');
    const dir = repoWithLink('.husky', outside);
    expectRefused(dir, 'install', 'husky');
    expect(readdirSync(outside)).toEqual(['README']);
  });

  it('lefthook.yml and .pre-commit-config.yaml linked outside: refused, the target unchanged', () => {
    for (const name of ['lefthook.yml', '.pre-commit-config.yaml']) {
      const outside = temp.dir('hush-yaml-');
      const yaml = name === 'lefthook.yml' ? 'pre-commit:\n  commands:\n    lint:\n      run: npm run lint\n' : 'repos: []\n';
      writeFileSync(join(outside, 'shared.yml'), yaml);
      const dir = repoWithLink(name, join(outside, 'shared.yml'));
      expectRefused(dir, 'install');
      expectRefused(dir, 'uninstall');
      expect(readFileSync(join(outside, 'shared.yml'), 'utf8'), name).toBe(yaml);
      expect(readdirSync(outside)).toEqual(['shared.yml']);
    }
  });

  it('core.hooksPath naming a committed directory that links outside: refused', () => {
    const outside = temp.dir('hush-hooks-target-');
    const dir = repoWithLink('.githooks', outside);
    git(dir, 'config', 'core.hooksPath', '.githooks');
    expectRefused(dir, 'install');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('still installs by rename where nothing is linked: a hard link to the husky file is left alone', () => {
    const dir = initRepo(temp.dir('hush-husky-plain-'));
    installProjectHush(dir);
    commit(dir, { '.husky/pre-commit': 'npm test\n' }, 'husky');
    const outside = temp.dir('hush-hard-');
    spawnSync('ln', [join(dir, '.husky/pre-commit'), join(outside, 'copy')]);
    const run = hush(dir, 'hook', 'install');
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toContain('hook run');
    expect(readFileSync(join(outside, 'copy'), 'utf8')).toBe('npm test\n');
  });
});
