// Hook managers people already use, with the real tools: husky and lefthook from npm, and the
// pre-commit framework (Debian package; .ci/run installs it) running hush from .pre-commit-hooks.yaml.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GIT_ENV, commit, git, initRepo, write } from './git-helpers.js';
import { hushBin, repoRoot, tempDir } from './helpers.js';
import { installProjectHush } from '../../hook/test/hook-helpers.js';

const TOKEN = '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';
const tools = tempDir('hush-tools-');
const env = { ...process.env, ...GIT_ENV };
afterAll(() => tools.cleanup());
beforeAll(async () => {
  write(tools.path, 'package.json', '{"name":"tools","private":true}');
  // Asynchronous: a long blocking install would starve the test worker's messages to vitest.
  await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'husky@9', 'lefthook@2'], { cwd: tools.path });
}, 300_000);

function repo(): { dir: string; cleanup: () => void } {
  const d = tempDir('hush-int-');
  initRepo(d.path);
  write(d.path, 'package.json', '{"name":"app","private":true}');
  installProjectHush(d.path);
  commit(d.path, { 'README.md': '# app\n', '.gitignore': 'node_modules/\n' }, 'init');
  return { dir: d.path, cleanup: d.cleanup };
}

/** Tracked files the install added or changed hold no path of this machine (they go to every clone). */
function expectPortable(dir: string): string[] {
  const changed = git(dir, 'status', '--porcelain', '--untracked-files=all')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3));
  for (const file of changed) {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text, file).not.toContain(dir);
    expect(text, file).not.toContain(tmpdir());
    expect(text, file).not.toContain('/usr');
    expect(text, file).not.toContain(repoRoot);
  }
  return changed;
}

function commitClean(cwd: string) {
  write(cwd, 'notes.txt', 'clean\n');
  git(cwd, 'add', 'notes.txt');
  return spawnSync('git', ['commit', '-q', '-m', 'clean'], { cwd, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
}
const hush = (cwd: string, ...args: string[]) => execFileSync(hushBin, args, { cwd, encoding: 'utf8', env });
function commitSecret(cwd: string) {
  write(cwd, 'leak.env', `GITHUB_TOKEN=${TOKEN}\n`);
  git(cwd, 'add', 'leak.env');
  return spawnSync('git', ['commit', '-q', '-m', 'leak'], { cwd, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('hook managers', () => {
  it('husky: blocks a secret commit after hush hook install', () => {
    const { dir, cleanup } = repo();
    try {
      execFileSync(process.execPath, [join(tools.path, 'node_modules/husky/bin.js'), 'init'], { cwd: dir, env, stdio: 'pipe' });
      expect(git(dir, 'config', 'core.hooksPath')).toBe('.husky/_');
      write(dir, '.husky/pre-commit', 'echo team-hook-ran\n');
      expect(hush(dir, 'hook', 'install')).toMatch(/\(husky\)/);
      expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toContain('npx --no-install hush hook run');
      const installed = readFileSync(join(dir, '.husky/pre-commit'));
      expect(hush(dir, 'hook', 'install')).toMatch(/already installed/);
      expect(readFileSync(join(dir, '.husky/pre-commit')).equals(installed)).toBe(true);
      expect(expectPortable(dir)).toEqual(expect.arrayContaining(['.husky/pre-commit', '.husky/pre-merge-commit']));
      expect(hush(dir, 'hook', 'status')).toMatch(/^installed: .*\.husky\/pre-commit \(husky\)/);
      const result = commitSecret(dir);
      expect(result.status).not.toBe(0);
      expect(result.stderr + result.stdout).toContain('the commit is blocked');
      expect(result.stdout + result.stderr).toContain('team-hook-ran');
      git(dir, 'rm', '-q', '--cached', 'leak.env');
      expect(commitClean(dir).status).toBe(0);
      hush(dir, 'hook', 'uninstall');
      expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toBe('echo team-hook-ran\n');
      expect(existsSync(join(dir, '.husky/pre-merge-commit'))).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('husky: git merge runs hush too (.husky/pre-merge-commit)', () => {
    const { dir, cleanup } = repo();
    try {
      git(dir, 'checkout', '-q', '-b', 'feature');
      commit(dir, { 'leak.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'feature, before any hook');
      git(dir, 'checkout', '-q', 'main');
      commit(dir, { 'main.txt': 'main\n' }, 'main');
      execFileSync(process.execPath, [join(tools.path, 'node_modules/husky/bin.js'), 'init'], { cwd: dir, env, stdio: 'pipe' });
      write(dir, '.husky/pre-commit', 'echo team-hook-ran\n');
      hush(dir, 'hook', 'install');
      // hush runs for the merge: the branch's already-committed secret is named (not new content, so not blocking).
      const merge = spawnSync('git', ['merge', '--no-ff', '-m', 'merge', 'feature'], { cwd: dir, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
      expect(merge.status).toBe(0);
      expect(merge.stdout + merge.stderr).toContain('this merge brings 1 secret already committed on the merged branch');
      expect(merge.stdout + merge.stderr).not.toContain(TOKEN);
    } finally {
      cleanup();
    }
  });

  it('lefthook: adds a command to lefthook.yml, blocks a secret commit, and uninstall restores the file', () => {
    const { dir, cleanup } = repo();
    try {
      const original = '# team hooks\npre-commit:\n  commands:\n    lint:\n      run: echo lint-ran\n';
      write(dir, 'lefthook.yml', original);
      execFileSync(join(tools.path, 'node_modules/.bin/lefthook'), ['install'], { cwd: dir, env, stdio: 'pipe' });
      expect(hush(dir, 'hook', 'install')).toMatch(/lefthook\.yml \(lefthook\)/);
      expect(parse(readFileSync(join(dir, 'lefthook.yml'), 'utf8'))['pre-commit'].commands.hush.run).toBe('npx --no-install hush hook run');
      const installed = readFileSync(join(dir, 'lefthook.yml'));
      expect(hush(dir, 'hook', 'install')).toMatch(/already installed/);
      expect(readFileSync(join(dir, 'lefthook.yml')).equals(installed)).toBe(true);
      expectPortable(dir);
      expect(hush(dir, 'hook', 'status')).toMatch(/^installed: .*lefthook\.yml \(lefthook\)/);
      const result = commitSecret(dir);
      expect(result.status).not.toBe(0);
      expect(result.stderr + result.stdout).toContain('the commit is blocked');
      git(dir, 'rm', '-q', '--cached', 'leak.env');
      expect(commitClean(dir).status).toBe(0);
      hush(dir, 'hook', 'uninstall');
      expect(readFileSync(join(dir, 'lefthook.yml'), 'utf8')).toBe(original);
    } finally {
      cleanup();
    }
  });

  // lefthook's own `lefthook install` (what `npm i -D lefthook` runs) writes a lefthook.yml that is
  // all comments; an empty file and a bare section are what people trim it to (issue 22).
  const lefthookStarts: Array<[string, string | undefined]> = [
    ["lefthook's own default (all comments)", undefined],
    ['an empty file', ''],
    ['a bare pre-commit: line', 'pre-commit:\n'],
  ];
  for (const [name, start] of lefthookStarts) {
    it(`lefthook: installs into ${name}, blocks a secret commit, and uninstall restores the file`, () => {
      const { dir, cleanup } = repo();
      try {
        const lefthook = join(tools.path, 'node_modules/.bin/lefthook');
        if (start === undefined) execFileSync(lefthook, ['install'], { cwd: dir, env, stdio: 'pipe' });
        else write(dir, 'lefthook.yml', start);
        const original = readFileSync(join(dir, 'lefthook.yml'));
        if (start === undefined)
          expect(
            original
              .toString()
              .split('\n')
              .filter((l) => l.trim() && !l.startsWith('#')),
          ).toEqual([]);
        const installed = spawnSync(hushBin, ['hook', 'install'], { cwd: dir, encoding: 'utf8', env });
        expect(installed.stderr).toBe('');
        expect(installed.status).toBe(0);
        expect(installed.stdout).toMatch(/lefthook\.yml \(lefthook\)/);
        // There was no other entry: nothing "still runs".
        expect(installed.stdout).not.toMatch(/still run/);
        expect(parse(readFileSync(join(dir, 'lefthook.yml'), 'utf8'))['pre-commit'].commands.hush.run).toBe('npx --no-install hush hook run');
        execFileSync(lefthook, ['install'], { cwd: dir, env, stdio: 'pipe' });
        const result = commitSecret(dir);
        expect(result.status).not.toBe(0);
        expect(result.stderr + result.stdout).toContain('the commit is blocked');
        git(dir, 'rm', '-q', '--cached', 'leak.env');
        expect(commitClean(dir).status).toBe(0);
        hush(dir, 'hook', 'uninstall');
        expect(readFileSync(join(dir, 'lefthook.yml')).equals(original)).toBe(true);
      } finally {
        cleanup();
      }
    });
  }

  it('lefthook: with other pre-commit commands, install says they still run', () => {
    const { dir, cleanup } = repo();
    try {
      write(dir, 'lefthook.yml', 'pre-commit:\n  jobs:\n    - run: echo lint-ran\n');
      expect(hush(dir, 'hook', 'install')).toMatch(/the existing pre-commit entries still run/);
    } finally {
      cleanup();
    }
  });

  it('lefthook: after lefthook install, git merge runs hush too (pre-merge-commit)', () => {
    const { dir, cleanup } = repo();
    try {
      git(dir, 'checkout', '-q', '-b', 'feature');
      commit(dir, { 'leak.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'feature, before any hook');
      git(dir, 'checkout', '-q', 'main');
      commit(dir, { 'main.txt': 'main\n' }, 'main');
      write(dir, 'lefthook.yml', 'pre-commit:\n  commands:\n    lint:\n      run: echo lint-ran\n');
      expect(hush(dir, 'hook', 'install')).toMatch(/lefthook install/);
      expect(parse(readFileSync(join(dir, 'lefthook.yml'), 'utf8'))['pre-merge-commit'].commands.hush.run).toBe(
        'HUSH_GIT_HOOK=pre-merge-commit npx --no-install hush hook run',
      );
      execFileSync(join(tools.path, 'node_modules/.bin/lefthook'), ['install'], { cwd: dir, env, stdio: 'pipe' });
      const merge = spawnSync('git', ['merge', '--no-ff', '-m', 'merge', 'feature'], { cwd: dir, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
      expect(merge.status).toBe(0);
      expect(merge.stdout + merge.stderr).toContain('this merge brings 1 secret already committed on the merged branch');
      hush(dir, 'hook', 'uninstall');
      expect(readFileSync(join(dir, 'lefthook.yml'), 'utf8')).toBe('pre-commit:\n  commands:\n    lint:\n      run: echo lint-ran\n');
    } finally {
      cleanup();
    }
  });

  it('the pre-commit framework runs hush from this repository’s .pre-commit-hooks.yaml and blocks a secret commit', () => {
    const { dir, cleanup } = repo();
    const home = tempDir('hush-pchome-');
    try {
      const rev = git(repoRoot, 'rev-parse', 'HEAD');
      expect(existsSync(join(repoRoot, 'bundle/bin/hush.mjs'))).toBe(true);
      write(dir, '.pre-commit-config.yaml', `repos:\n  - repo: ${repoRoot}\n    rev: ${rev}\n    hooks:\n      - id: hush\n`);
      const pcEnv = { ...env, PRE_COMMIT_HOME: home.path };
      execFileSync('pre-commit', ['install'], { cwd: dir, env: pcEnv, stdio: 'pipe' });
      write(dir, 'leak.env', `GITHUB_TOKEN=${TOKEN}\n`);
      git(dir, 'add', '.pre-commit-config.yaml', 'leak.env');
      const result = spawnSync('git', ['commit', '-q', '-m', 'leak'], { cwd: dir, encoding: 'utf8', env: pcEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('the commit is blocked');
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
    } finally {
      cleanup();
      home.cleanup();
    }
  });

  it('hush hook install adds a local hook to an existing .pre-commit-config.yaml and removes it exactly', () => {
    const { dir, cleanup } = repo();
    try {
      const original = 'repos:\n  - repo: local\n    hooks:\n      - id: team\n        name: team\n        entry: "true"\n        language: system\n';
      write(dir, '.pre-commit-config.yaml', original);
      expect(hush(dir, 'hook', 'install')).toMatch(/\(pre-commit\)/);
      const config = parse(readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8'));
      expect(config.repos).toHaveLength(2);
      expect(config.repos[1].hooks[0]).toMatchObject({ id: 'hush', entry: 'npx --no-install hush hook run', language: 'system', pass_filenames: false });
      expectPortable(dir);
      expect(hush(dir, 'hook', 'install')).toMatch(/already installed/);
      hush(dir, 'hook', 'uninstall');
      expect(readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8')).toBe(original);
    } finally {
      cleanup();
    }
  });
});

describe('portable integration commands', () => {
  it('the pre-commit framework runs the local hook hush hook install added: blocks a secret commit, passes a clean one', () => {
    const { dir, cleanup } = repo();
    const home = tempDir('hush-pchome-');
    try {
      write(dir, '.pre-commit-config.yaml', 'repos: []\n');
      hush(dir, 'hook', 'install');
      expectPortable(dir);
      const pcEnv = { ...env, PRE_COMMIT_HOME: home.path };
      execFileSync('pre-commit', ['install'], { cwd: dir, env: pcEnv, stdio: 'pipe' });
      expect(hush(dir, 'hook', 'status')).toMatch(/^installed: .*\.pre-commit-config\.yaml \(pre-commit\)/);
      git(dir, 'add', '.pre-commit-config.yaml');
      write(dir, 'leak.env', `GITHUB_TOKEN=${TOKEN}\n`);
      git(dir, 'add', 'leak.env');
      const blocked = spawnSync('git', ['commit', '-q', '-m', 'leak'], { cwd: dir, encoding: 'utf8', env: pcEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      expect(blocked.status).not.toBe(0);
      expect(blocked.stdout + blocked.stderr).toContain('the commit is blocked');
      git(dir, 'rm', '-q', '--cached', 'leak.env');
      const clean = spawnSync('git', ['commit', '-q', '-m', 'config'], { cwd: dir, encoding: 'utf8', env: pcEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      expect(clean.stdout + clean.stderr).not.toContain('the commit is blocked');
      expect(clean.status).toBe(0);
    } finally {
      cleanup();
      home.cleanup();
    }
  });

  it('uses the package manager the lockfile names', () => {
    for (const [lockfile, expected] of [
      ['pnpm-lock.yaml', 'pnpm exec hush hook run'],
      ['yarn.lock', 'yarn hush hook run'],
    ]) {
      const { dir, cleanup } = repo();
      try {
        write(dir, lockfile, '');
        write(dir, 'lefthook.yml', 'pre-commit:\n  commands: {}\n');
        hush(dir, 'hook', 'install');
        expect(parse(readFileSync(join(dir, 'lefthook.yml'), 'utf8'))['pre-commit'].commands.hush.run).toBe(expected);
        expectPortable(dir);
      } finally {
        cleanup();
      }
    }
  });
});

describe('shipped integration files', () => {
  it('.pre-commit-hooks.yaml and action.yml point at the committed bundle', () => {
    const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8'));
    expect(hooks[0]).toMatchObject({ id: 'hush', language: 'script', pass_filenames: false });
    expect(existsSync(join(repoRoot, hooks[0].entry.split(' ')[0]))).toBe(true);
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    expect(JSON.stringify(action.runs.steps)).toContain('bundle/bin/hush.mjs');
    expect(JSON.stringify(action.runs.steps)).toContain('github/codeql-action/upload-sarif');
  });

  it('the committed bundle matches the sources (the build regenerates it)', () => {
    const status = git(repoRoot, 'status', '--porcelain', '--', 'bundle');
    expect(status).toBe('');
  });
});
