// How `hush hook install` wires itself in: an existing hook runs as git would run it, both
// pre-commit and pre-merge-commit are installed and restored exactly, core.hooksPath is set when
// hush asks for it, `hook status` reports what git actually runs, and the untracked hook falls back
// to the project's hush when its recorded paths are gone.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { git, write } from '../../../test-support/git.js';
import { repoRoot } from '../../../test-support/helpers.js';
import { TOKEN, env, gitRun, hookRepos, hush, installProjectHush, tryCommit } from './hook-helpers.js';

const { repo, temp } = hookRepos();

function existingHook(dir: string, name: string, text: string, mode: number): string {
  const file = join(dir, '.git/hooks', name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

function stageClean(dir: string, name = 'notes.txt') {
  write(dir, name, `hello ${name}\n`);
  git(dir, 'add', name);
}

describe('an existing hook runs as git would run it', () => {
  it('a bash hook using set -o pipefail runs under bash and does not block a clean commit', () => {
    const dir = repo();
    existingHook(dir, 'pre-commit', '#!/bin/bash\nset -euo pipefail\necho "bash hook ran" | cat >&2\n', 0o755);
    hush(dir, 'hook', 'install');
    stageClean(dir);
    const result = tryCommit(dir, 'clean');
    expect(result.stderr).toContain('bash hook ran');
    expect(result.code).toBe(0);
  });

  it('a python3 hook keeps its interpreter, and can still block', () => {
    const dir = repo();
    existingHook(
      dir,
      'pre-commit',
      '#!/usr/bin/env python3\nimport os, sys\nprint("python hook ran", file=sys.stderr)\nsys.exit(3 if os.path.exists("STOP") else 0)\n',
      0o755,
    );
    hush(dir, 'hook', 'install');
    stageClean(dir);
    const passed = tryCommit(dir, 'clean');
    expect(passed.stderr).toContain('python hook ran');
    expect(passed.code).toBe(0);
    writeFileSync(join(dir, 'STOP'), '');
    stageClean(dir, 'more.txt');
    const stopped = tryCommit(dir, 'stopped');
    expect(stopped.code).not.toBe(0);
    expect(stopped.stderr).toContain('python hook ran');
  });

  it('a non-executable hook, which git skips, is still skipped after install and comes back with its mode', () => {
    const dir = repo();
    const text = '#!/bin/sh\necho "should not run" >&2\nexit 1\n';
    const file = existingHook(dir, 'pre-commit', text, 0o644);
    hush(dir, 'hook', 'install');
    stageClean(dir);
    const result = tryCommit(dir, 'clean');
    expect(result.stderr).not.toContain('should not run');
    expect(result.code).toBe(0);
    hush(dir, 'hook', 'uninstall');
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('the original gets the same arguments and stdin', () => {
    const dir = repo();
    existingHook(dir, 'pre-commit', '#!/bin/sh\necho "args=$# [$*]" > "$(git rev-parse --git-dir)/seen"\ncat >> "$(git rev-parse --git-dir)/seen"\n', 0o755);
    hush(dir, 'hook', 'install');
    const run = spawnSync(join(dir, '.git/hooks/pre-commit'), ['first arg', 'second'], { cwd: dir, env, input: 'from stdin\n', encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, '.git/seen'), 'utf8')).toBe('args=2 [first arg second]\nfrom stdin\n');
    // Under git commit, too (git gives pre-commit no arguments and an empty stdin).
    stageClean(dir);
    expect(tryCommit(dir, 'clean').code).toBe(0);
    expect(readFileSync(join(dir, '.git/seen'), 'utf8')).toBe('args=0 []\n');
  });
});

describe('pre-merge-commit', () => {
  it('is installed beside pre-commit, chains an existing one, and both are restored byte for byte; a second install changes nothing', () => {
    const dir = repo();
    const original = '#!/bin/sh\necho "team merge hook ran" >&2\n';
    const file = existingHook(dir, 'pre-merge-commit', original, 0o700);
    expect(hush(dir, 'hook', 'install')).toContain('installed');
    const preCommit = readFileSync(join(dir, '.git/hooks/pre-commit'));
    const preMerge = readFileSync(file);
    expect(preMerge.toString()).toContain('pre-merge-commit.hush-original');
    expect(hush(dir, 'hook', 'install')).toMatch(/already installed/);
    expect(readFileSync(join(dir, '.git/hooks/pre-commit')).equals(preCommit)).toBe(true);
    expect(readFileSync(file).equals(preMerge)).toBe(true);
    git(dir, 'checkout', '-q', '-b', 'side');
    stageClean(dir, 'side.txt');
    expect(tryCommit(dir, 'side').code).toBe(0);
    git(dir, 'checkout', '-q', 'main');
    const merge = gitRun(dir, 'merge', '--no-ff', '-m', 'merge side', 'side');
    expect(merge.code).toBe(0);
    expect(merge.stderr).toContain('team merge hook ran');
    hush(dir, 'hook', 'uninstall');
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(statSync(file).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dir, '.git/hooks/pre-commit'))).toBe(false);
  });
});

describe('--manager hooksPath', () => {
  it('sets core.hooksPath so git runs the hook, and uninstall unsets it', () => {
    const dir = repo();
    installProjectHush(dir);
    expect(hush(dir, 'hook', 'install', '--manager', 'hooksPath')).toMatch(/\.githooks\/pre-commit \(hooksPath\)/);
    expect(git(dir, 'config', '--local', 'core.hooksPath')).toBe('.githooks');
    expect(hush(dir, 'hook', 'status')).toMatch(/^installed: .*\.githooks\/pre-commit \(hooksPath\)/);
    write(dir, 's.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 's.env');
    expect(tryCommit(dir, 'secret').stderr).toContain('the commit is blocked');
    // The hook is in the work tree (it may be committed): no path of this machine in it.
    const script = readFileSync(join(dir, '.githooks/pre-commit'), 'utf8');
    expect(script).not.toContain(dir);
    expect(script).not.toContain('/usr');
    expect(script).not.toContain(repoRoot);
    hush(dir, 'hook', 'uninstall');
    expect(gitRun(dir, 'config', '--local', 'core.hooksPath').code).toBe(1);
    expect(tryCommit(dir, 'secret').code).toBe(0);
  });

  it('refuses, changing nothing, when setting core.hooksPath would turn off active hooks in .git/hooks', () => {
    const dir = repo();
    existingHook(dir, 'commit-msg', '#!/bin/sh\nexit 0\n', 0o755);
    const r = spawnSync(join(repoRoot, 'node_modules/.bin/hush'), ['hook', 'install', '--manager', 'hooksPath'], { cwd: dir, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/core\.hooksPath.*commit-msg/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(gitRun(dir, 'config', '--local', 'core.hooksPath').code).toBe(1);
    expect(existsSync(join(dir, '.githooks'))).toBe(false);
  });
});

describe('hook status reports what git actually runs', () => {
  it('installed in .git/hooks while a .husky directory exists (and husky is not wired): installed', () => {
    const dir = repo();
    mkdirSync(join(dir, '.husky'));
    hush(dir, 'hook', 'install', '--manager', 'git');
    expect(hush(dir, 'hook', 'status')).toMatch(/^installed: .*\.git\/hooks\/pre-commit \(git\)/);
  });

  it('hush in .git/hooks but core.hooksPath points elsewhere: not installed, and says why', () => {
    const dir = repo();
    hush(dir, 'hook', 'install');
    git(dir, 'config', 'core.hooksPath', 'elsewhere');
    const status = hush(dir, 'hook', 'status');
    expect(status).toMatch(/^not installed: git runs no pre-commit hook \(.*elsewhere\/pre-commit does not exist\)/);
  });
});

/** What hush wrote before this version: `sh "$original"` and machine paths. */
const OLD_SCRIPT = `#!/bin/sh
# hush pre-commit hook (managed by \`hush hook install\`; \`hush hook uninstall\` restores what was here)
original="$(dirname "$0")/pre-commit.hush-original"
if [ -f "$original" ]; then
  sh "$original" "$@" || exit $?
fi
node_bin='/usr/bin/node'
[ -x "$node_bin" ] || node_bin=node
exec "$node_bin" '/gone/bundle/bin/hush.mjs' hook run
`;

describe('installing over an older hush', () => {
  it('rewrites the old .git/hooks script, keeps the chained original, and uninstall still restores it', () => {
    const dir = repo();
    const team = '#!/bin/bash\nset -o pipefail\necho "team hook ran" >&2\n';
    existingHook(dir, 'pre-commit.hush-original', team, 0o755);
    existingHook(dir, 'pre-commit', OLD_SCRIPT, 0o755);
    expect(hush(dir, 'hook', 'install')).toMatch(/installed at/);
    expect(readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8')).not.toContain('sh "$original"');
    stageClean(dir);
    const result = tryCommit(dir, 'clean');
    expect(result.stderr).toContain('team hook ran');
    expect(result.code).toBe(0);
    hush(dir, 'hook', 'uninstall');
    expect(readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8')).toBe(team);
  });

  it('makes an old lefthook entry with machine paths portable; uninstall restores the file before hush', () => {
    const dir = repo();
    const before = 'pre-commit:\n  commands:\n    lint:\n      run: echo lint\n';
    write(dir, 'lefthook.yml', before);
    hush(dir, 'hook', 'install');
    // Simulate the older install: same backup, but an absolute command in the entry.
    const doc = parseDocument(readFileSync(join(dir, 'lefthook.yml'), 'utf8'));
    const portable = doc.getIn(['pre-commit', 'commands', 'hush', 'run']);
    expect(portable).toContain('  npx --no-install hush hook run\n');
    doc.setIn(['pre-commit', 'commands', 'hush', 'run'], doc.createNode("/usr/bin/node '/old checkout/hush.mjs' hook run"));
    write(dir, 'lefthook.yml', doc.toString());
    expect(hush(dir, 'hook', 'install')).toMatch(/installed at/);
    const upgraded = readFileSync(join(dir, 'lefthook.yml'), 'utf8');
    expect(upgraded).not.toContain('/usr');
    expect(parse(upgraded)['pre-commit'].commands.hush.run).toBe(portable);
    hush(dir, 'hook', 'uninstall');
    expect(readFileSync(join(dir, 'lefthook.yml'), 'utf8')).toBe(before);
  });

  it('replaces an old whole-script .husky/pre-commit with two appended lines, putting the team file back first', () => {
    const dir = repo();
    mkdirSync(join(dir, '.husky'));
    writeFileSync(join(dir, '.husky/pre-commit.hush-original'), 'echo team\n');
    writeFileSync(join(dir, '.husky/pre-commit'), OLD_SCRIPT);
    hush(dir, 'hook', 'install', '--manager', 'husky');
    const text = readFileSync(join(dir, '.husky/pre-commit'), 'utf8');
    expect(text.startsWith('echo team\n# hush pre-commit hook')).toBe(true);
    expect(text).not.toContain('/usr');
    expect(existsSync(join(dir, '.husky/pre-commit.hush-original'))).toBe(false);
    hush(dir, 'hook', 'uninstall', '--manager', 'husky');
    expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toBe('echo team\n');
  });
});

describe('the untracked hook records absolute paths, and falls back when they are gone', () => {
  it('still checks commits after the recorded hush script is moved away, or the recorded node is gone', () => {
    const dir = repo();
    installProjectHush(dir);
    git(dir, 'add', '.gitignore');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'ignore node_modules');
    // Install from a copy of the bundle, so that its recorded path can be taken away.
    const copy = join(temp.dir('hush-copy-'), 'bundle');
    cpSync(join(repoRoot, 'bundle'), copy, { recursive: true });
    // Installed through the entry's former name: the hook records the entry itself (bin/hush.cjs).
    execFileSync(process.execPath, [join(copy, 'bin/hush.mjs'), 'hook', 'install'], { cwd: dir, env, encoding: 'utf8' });
    const hookFile = join(dir, '.git/hooks/pre-commit');
    expect(readFileSync(hookFile, 'utf8')).toContain(join(copy, 'bin/hush.cjs'));
    write(dir, 's.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 's.env');
    expect(tryCommit(dir, 'secret').stderr).toContain('the commit is blocked');
    renameSync(copy, `${copy}-moved`);
    const afterMove = tryCommit(dir, 'secret');
    expect(afterMove.code).not.toBe(0);
    expect(afterMove.stderr).toContain('the commit is blocked');
    // The recorded node binary gone (an upgrade removed it): same fallback.
    const script = readFileSync(hookFile, 'utf8');
    writeFileSync(hookFile, script.replace(`node_bin='${process.execPath}'`, `node_bin='${join(dir, 'no-such-node')}'`));
    expect(readFileSync(hookFile, 'utf8')).toContain('no-such-node');
    expect(tryCommit(dir, 'secret').stderr).toContain('the commit is blocked');
    git(dir, 'rm', '-q', '--cached', 's.env');
    stageClean(dir);
    expect(tryCommit(dir, 'clean').code).toBe(0);
  });
});
