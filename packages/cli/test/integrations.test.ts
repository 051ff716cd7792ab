// Hook managers people already use, with the real tools: husky and lefthook from npm, and the
// pre-commit framework (Debian package; .ci/run installs it) running hush from .pre-commit-hooks.yaml.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { GIT_ENV, commit, git, initRepo, write } from '../../../test-support/git.js';
import { hushBin, repoRoot, tempDir } from '../../../test-support/helpers.js';
import { installProjectHush } from '../../hook/test/hook-helpers.js';

const TOKEN = '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';
// What hush writes into the managers' files, spelled out: when hush is missing it names hush-scan.
const MISSING = (pm: string, add: string) =>
  `echo "hush: hush is not installed in this clone (it is the npm package hush-scan): run \\\`${pm} install\\\`, or \\\`${add}\\\` if package.json does not list it yet" >&2`;
const NPM_MISSING = MISSING('npm', 'npm install --save-dev hush-scan');
const NPM_TEST = '[ -x node_modules/.bin/hush ] || command -v hush >/dev/null 2>&1';
/** What lefthook.yml's hush entry runs (npm lockfile or none). */
const lefthookRun = (env = '') => `if ${NPM_TEST}; then\n  ${env}npx --no-install hush hook run\nelse\n  ${NPM_MISSING}\n  exit 1\nfi\n`;
/** The line hush appends to .husky/<hook>. */
const huskyLine = (hook: string) => `if ${NPM_TEST}; then HUSH_GIT_HOOK=${hook} npx --no-install hush hook run || exit $?; else ${NPM_MISSING}; exit 1; fi`;
/** A PATH with git, node and npx but no hush: only the project's node_modules/.bin could have one. */
const NO_HUSH_PATH = '/usr/bin:/bin';
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
      expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toContain(`\n${huskyLine('pre-commit')}\n`);
      expect(readFileSync(join(dir, '.husky/pre-merge-commit'), 'utf8')).toContain(`\n${huskyLine('pre-merge-commit')}\n`);
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
      expect(parse(readFileSync(join(dir, 'lefthook.yml'), 'utf8'))['pre-commit'].commands.hush.run).toBe(lefthookRun());
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
        expect(parse(readFileSync(join(dir, 'lefthook.yml'), 'utf8'))['pre-commit'].commands.hush.run).toBe(lefthookRun());
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
      expect(parse(readFileSync(join(dir, 'lefthook.yml'), 'utf8'))['pre-merge-commit'].commands.hush.run).toBe(lefthookRun('HUSH_GIT_HOOK=pre-merge-commit '));
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
      expect(existsSync(join(repoRoot, 'bundle/bin/hush.cjs'))).toBe(true);
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
      expect(config.repos[1].hooks[0]).toMatchObject({ id: 'hush', entry: `sh -c '${lefthookRun().trimEnd()}'\n`, language: 'system', pass_filenames: false });
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
      ['pnpm-lock.yaml', `if ${NPM_TEST}; then\n  pnpm exec hush hook run\nelse\n  ${MISSING('pnpm', 'pnpm add --save-dev hush-scan')}\n  exit 1\nfi\n`],
      [
        'yarn.lock',
        `if [ -x node_modules/.bin/hush ] || [ -f .pnp.cjs ] || command -v hush >/dev/null 2>&1; then\n  yarn hush hook run\nelse\n  ${MISSING('yarn', 'yarn add --dev hush-scan')}\n  exit 1\nfi\n`,
      ],
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

/** A commit where this clone has no hush: no node_modules, and none on PATH. */
function commitWithoutHush(dir: string, extraEnv: Record<string, string> = {}) {
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  write(dir, 'notes.txt', 'clean\n');
  git(dir, 'add', 'notes.txt');
  const result = spawnSync('git', ['commit', '-q', '-m', 'clean'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...env, ...extraEnv, PATH: NO_HUSH_PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

function expectMissingHushMessage(run: { status: number | null; output: string }, install = 'npm install --save-dev hush-scan') {
  expect(run.status, run.output).not.toBe(0);
  expect(run.output).toContain('hush: hush is not installed in this clone (it is the npm package hush-scan)');
  expect(run.output).toContain(install);
  // npx's own answer names an unrelated registry package called `hush`.
  expect(run.output).not.toContain('hush@');
  expect(run.output).not.toContain('npm error');
}

describe('a hook manager where hush is not installed (issue 22)', () => {
  it('husky: the commit is blocked and the message names hush-scan', () => {
    const { dir, cleanup } = repo();
    try {
      execFileSync(process.execPath, [join(tools.path, 'node_modules/husky/bin.js'), 'init'], { cwd: dir, env, stdio: 'pipe' });
      write(dir, '.husky/pre-commit', 'echo team-hook-ran\n');
      hush(dir, 'hook', 'install');
      const run = commitWithoutHush(dir);
      expectMissingHushMessage(run);
      expect(run.output).toContain('team-hook-ran');
    } finally {
      cleanup();
    }
  });

  for (const [lockfile, install] of [
    ['pnpm-lock.yaml', 'pnpm add --save-dev hush-scan'],
    ['yarn.lock', 'yarn add --dev hush-scan'],
  ]) {
    it(`husky with ${lockfile}: the message gives that package manager's install command`, () => {
      const { dir, cleanup } = repo();
      try {
        write(dir, lockfile, '');
        execFileSync(process.execPath, [join(tools.path, 'node_modules/husky/bin.js'), 'init'], { cwd: dir, env, stdio: 'pipe' });
        write(dir, '.husky/pre-commit', 'echo team-hook-ran\n');
        hush(dir, 'hook', 'install');
        expectMissingHushMessage(commitWithoutHush(dir), install);
      } finally {
        cleanup();
      }
    });
  }

  it('lefthook: the commit is blocked and the message names hush-scan', () => {
    const { dir, cleanup } = repo();
    try {
      write(dir, 'lefthook.yml', 'pre-commit:\n  commands:\n    lint:\n      run: echo lint-ran\n');
      hush(dir, 'hook', 'install');
      execFileSync(join(tools.path, 'node_modules/.bin/lefthook'), ['install'], { cwd: dir, env, stdio: 'pipe' });
      expectMissingHushMessage(commitWithoutHush(dir));
    } finally {
      cleanup();
    }
  });

  it('the pre-commit framework: the commit is blocked and the message names hush-scan', () => {
    const { dir, cleanup } = repo();
    const home = tempDir('hush-pchome-');
    try {
      write(
        dir,
        '.pre-commit-config.yaml',
        'repos:\n  - repo: local\n    hooks:\n      - id: team\n        name: team\n        entry: "true"\n        language: system\n',
      );
      hush(dir, 'hook', 'install');
      const pcEnv = { PRE_COMMIT_HOME: home.path };
      execFileSync('pre-commit', ['install'], { cwd: dir, env: { ...env, ...pcEnv }, stdio: 'pipe' });
      git(dir, 'add', '.pre-commit-config.yaml');
      expectMissingHushMessage(commitWithoutHush(dir, pcEnv));
    } finally {
      cleanup();
      home.cleanup();
    }
  });
});

// What hush wrote before it checked for a missing hush: these entries still show as installed,
// `hook install` upgrades them, and `hook uninstall` removes them, restoring the file byte for byte.
describe('entries an older hush wrote (no check for a missing hush)', () => {
  const OLD_HUSKY = (hook: string) => `HUSH_GIT_HOOK=${hook} npx --no-install hush hook run || exit $?`;

  function oldHusky(dir: string): void {
    execFileSync(process.execPath, [join(tools.path, 'node_modules/husky/bin.js'), 'init'], { cwd: dir, env, stdio: 'pipe' });
    write(dir, '.husky/pre-commit', 'echo team-hook-ran\n');
    hush(dir, 'hook', 'install');
    for (const hook of ['pre-commit', 'pre-merge-commit']) {
      const file = join(dir, '.husky', hook);
      write(dir, `.husky/${hook}`, readFileSync(file, 'utf8').replace(`${huskyLine(hook)}\n`, `${OLD_HUSKY(hook)}\n`));
      expect(readFileSync(file, 'utf8')).toContain(`\n${OLD_HUSKY(hook)}\n`);
    }
  }

  it('husky: uninstall removes the old lines exactly', () => {
    const { dir, cleanup } = repo();
    try {
      oldHusky(dir);
      expect(hush(dir, 'hook', 'status')).toMatch(/^installed: .*\.husky\/pre-commit \(husky\)/);
      hush(dir, 'hook', 'uninstall');
      expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toBe('echo team-hook-ran\n');
      expect(existsSync(join(dir, '.husky/pre-merge-commit'))).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('husky: install upgrades the old lines; secrets still blocked, clean commits pass; uninstall restores', () => {
    const { dir, cleanup } = repo();
    try {
      oldHusky(dir);
      expect(hush(dir, 'hook', 'install')).toMatch(/installed at/);
      expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toBe(
        `echo team-hook-ran\n# hush pre-commit hook (added by \`hush hook install\`; \`hush hook uninstall\` removes these two lines)\n${huskyLine('pre-commit')}\n`,
      );
      expect(readFileSync(join(dir, '.husky/pre-merge-commit'), 'utf8')).toContain(`\n${huskyLine('pre-merge-commit')}\n`);
      const upgraded = readFileSync(join(dir, '.husky/pre-commit'));
      expect(hush(dir, 'hook', 'install')).toMatch(/already installed/);
      expect(readFileSync(join(dir, '.husky/pre-commit')).equals(upgraded)).toBe(true);
      const result = commitSecret(dir);
      expect(result.status).not.toBe(0);
      expect(result.stderr + result.stdout).toContain('the commit is blocked');
      git(dir, 'rm', '-q', '--cached', 'leak.env');
      expect(commitClean(dir).status).toBe(0);
      hush(dir, 'hook', 'uninstall');
      expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toBe('echo team-hook-ran\n');
      expect(existsSync(join(dir, '.husky/pre-merge-commit'))).toBe(false);
    } finally {
      cleanup();
    }
  });

  const LEFTHOOK_ORIGINAL = '# team hooks\npre-commit:\n  commands:\n    lint:\n      run: echo lint-ran\n';

  /** lefthook.yml as the older hush left it: its entries held the bare portable command. */
  function oldLefthook(dir: string): void {
    write(dir, 'lefthook.yml', LEFTHOOK_ORIGINAL);
    hush(dir, 'hook', 'install');
    const doc = parseDocument(readFileSync(join(dir, 'lefthook.yml'), 'utf8'));
    doc.setIn(['pre-commit', 'commands', 'hush', 'run'], doc.createNode('npx --no-install hush hook run'));
    doc.setIn(['pre-merge-commit', 'commands', 'hush', 'run'], doc.createNode('HUSH_GIT_HOOK=pre-merge-commit npx --no-install hush hook run'));
    write(dir, 'lefthook.yml', doc.toString());
    expect(readFileSync(join(dir, 'lefthook.yml'), 'utf8')).toContain('      run: npx --no-install hush hook run\n');
    execFileSync(join(tools.path, 'node_modules/.bin/lefthook'), ['install'], { cwd: dir, env, stdio: 'pipe' });
  }

  it('lefthook: uninstall removes the old entries exactly', () => {
    const { dir, cleanup } = repo();
    try {
      oldLefthook(dir);
      expect(hush(dir, 'hook', 'status')).toMatch(/^installed: .*lefthook\.yml \(lefthook\)/);
      hush(dir, 'hook', 'uninstall');
      expect(readFileSync(join(dir, 'lefthook.yml'), 'utf8')).toBe(LEFTHOOK_ORIGINAL);
    } finally {
      cleanup();
    }
  });

  it('lefthook: install upgrades the old entries; secrets still blocked, clean commits pass; uninstall restores', () => {
    const { dir, cleanup } = repo();
    try {
      oldLefthook(dir);
      expect(hush(dir, 'hook', 'install')).toMatch(/installed at/);
      const config = parse(readFileSync(join(dir, 'lefthook.yml'), 'utf8'));
      expect(config['pre-commit'].commands.hush.run).toBe(lefthookRun());
      expect(config['pre-merge-commit'].commands.hush.run).toBe(lefthookRun('HUSH_GIT_HOOK=pre-merge-commit '));
      expect(hush(dir, 'hook', 'install')).toMatch(/already installed/);
      const result = commitSecret(dir);
      expect(result.status).not.toBe(0);
      expect(result.stderr + result.stdout).toContain('the commit is blocked');
      git(dir, 'rm', '-q', '--cached', 'leak.env');
      expect(commitClean(dir).status).toBe(0);
      hush(dir, 'hook', 'uninstall');
      expect(readFileSync(join(dir, 'lefthook.yml'), 'utf8')).toBe(LEFTHOOK_ORIGINAL);
    } finally {
      cleanup();
    }
  });

  it('the pre-commit framework: an old entry uninstalls exactly, and install upgrades it', () => {
    const { dir, cleanup } = repo();
    try {
      const original = 'repos:\n  - repo: local\n    hooks:\n      - id: team\n        name: team\n        entry: "true"\n        language: system\n';
      const makeOld = () => {
        write(dir, '.pre-commit-config.yaml', original);
        hush(dir, 'hook', 'install');
        const doc = parseDocument(readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8'));
        doc.setIn(['repos', 1, 'hooks', 0, 'entry'], doc.createNode('npx --no-install hush hook run'));
        write(dir, '.pre-commit-config.yaml', doc.toString());
        expect(readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8')).toContain('        entry: npx --no-install hush hook run\n');
      };
      makeOld();
      hush(dir, 'hook', 'uninstall');
      expect(readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8')).toBe(original);
      makeOld();
      expect(hush(dir, 'hook', 'install')).toMatch(/installed at/);
      expect(parse(readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8')).repos[1].hooks[0].entry).toBe(`sh -c '${lefthookRun().trimEnd()}'\n`);
      hush(dir, 'hook', 'uninstall');
      expect(readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8')).toBe(original);
    } finally {
      cleanup();
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
    expect(JSON.stringify(action.runs.steps)).toContain('bundle/bin/hush.cjs');
    expect(JSON.stringify(action.runs.steps)).toContain('github/codeql-action/upload-sarif');
  });

  it('the committed bundle matches the sources (the build regenerates it)', () => {
    const status = git(repoRoot, 'status', '--porcelain', '--', 'bundle');
    expect(status).toBe('');
  });
});
