// What a new user hits first (issue 22), through the real CLI, git and npm: audits that report each
// line, named files that were not scanned, hooks installed from npm's prepare script and hooks
// that run where hush is not installed.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIT_ENV, commit, git, initRepo, write } from '../../../test-support/git.js';
import { hushBin, perTestTemp, runHushProcess } from '../../../test-support/helpers.js';

const temp = perTestTemp();
const TOKEN = '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';

interface JsonFinding {
  path: string;
  line: number;
  fingerprint: string;
}

describe('audit reports each HEAD path and line (issue 22)', () => {
  it('the same token on lines 1, 3 and 4 is three findings, with the fingerprints scan gives', () => {
    const dir = initRepo(temp.dir('hush-audit-lines-'));
    const text = `a = "${TOKEN}"\nprint(a)\nb = "${TOKEN}"\nc = "${TOKEN}"\n`;
    commit(dir, { 'x.py': text, 'copy/x.py': text }, 'tokens');
    const audit = runHushProcess(['audit', '.', '--no-cache', '--format', 'json'], dir);
    expect(audit.code, audit.stderr).toBe(1);
    const audited = (JSON.parse(audit.stdout).findings as JsonFinding[]).map((f) => `${f.path}:${f.line}`).sort();
    expect(audited).toEqual(['copy/x.py:1', 'copy/x.py:3', 'copy/x.py:4', 'x.py:1', 'x.py:3', 'x.py:4']);
    const scan = runHushProcess(['scan', '.', '--format', 'json'], dir);
    const byPlace = (findings: JsonFinding[]) => new Map(findings.map((f) => [`${f.path}:${f.line}`, f.fingerprint]));
    expect(byPlace(JSON.parse(audit.stdout).findings)).toEqual(byPlace(JSON.parse(scan.stdout).findings));
  });
});

describe('a named file that is not scanned is no clean pass (issue 22)', () => {
  it('over the size cap or binary: exit 2 with the reason; a file that is scanned beside it still reports', () => {
    const dir = temp.dir('hush-named-');
    writeFileSync(join(dir, 'big.json'), `{"data": "${'x'.repeat(3000)}"}\n`);
    writeFileSync(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
    writeFileSync(join(dir, 'ok.txt'), 'nothing here\n');
    const big = runHushProcess(['scan', 'big.json', '--max-file-size', '1k'], dir);
    expect(big.code).toBe(2);
    expect(big.stdout).not.toContain('no secrets found');
    expect(big.stderr.trim()).toBe('hush: big.json: not scanned: too-large (3013 bytes > limit 1024); raise --max-file-size to scan it');
    const binary = runHushProcess(['scan', 'logo.png'], dir);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toMatch(/^hush: logo\.png: not scanned: binary/);
    const both = runHushProcess(['scan', 'ok.txt', 'big.json', '--max-file-size', '1k'], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('big.json: not scanned');
    // A directory is not a named file: what it holds may be skipped with a note, as before.
    expect(runHushProcess(['scan', '.', '--max-file-size', '1k'], dir).code).toBe(0);
  });
});

/** A directory whose `hush` runs this checkout's CLI, for a PATH without the workspace's bins. */
function hushOnPath(): string {
  const bin = temp.dir('hush-bin-');
  writeFileSync(join(bin, 'hush'), `#!/bin/sh\nexec '${hushBin}' "$@"\n`);
  chmodSync(join(bin, 'hush'), 0o755);
  return bin;
}

/** npm with a clean environment: no npm_* variables of the npm that runs this suite. */
function npm(cwd: string, path: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...GIT_ENV, PATH: path, HOME: cwd };
  return spawnSync('npm', ['--no-audit', '--no-fund', '--offline', '--loglevel=error', ...args], { cwd, env, encoding: 'utf8' });
}

const PREPARE = { name: 'app', version: '1.0.0', private: true, scripts: { prepare: 'hush hook install' } };

describe('teammates’ clones: hush hook install as npm’s prepare script (issue 22)', () => {
  it('hook install suggests the prepare script, and not once package.json has it', () => {
    const dir = initRepo(temp.dir('hush-tip-'));
    write(dir, 'package.json', '{"name":"app","private":true}\n');
    const first = runHushProcess(['hook', 'install'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`add "prepare": "hush hook install" to package.json's scripts`);
    runHushProcess(['hook', 'uninstall'], dir);
    write(dir, 'package.json', JSON.stringify(PREPARE));
    expect(runHushProcess(['hook', 'install'], dir).stdout).not.toContain('prepare');
  });

  it('npm install runs it quietly and idempotently in a clone, and the hook then blocks a secret', () => {
    const dir = initRepo(temp.dir('hush-prepare-'));
    write(dir, 'package.json', JSON.stringify(PREPARE));
    const path = `${hushOnPath()}:/usr/bin:/bin`;
    const first = npm(dir, path, 'install');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout + first.stderr).not.toMatch(/hush hook (installed|already)/);
    const hook = readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8');
    const again = npm(dir, path, 'install');
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8')).toBe(hook);
    write(dir, 'leak.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 'leak.env');
    const blocked = spawnSync('git', ['commit', '-q', '-m', 'leak'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, PATH: path } });
    expect(blocked.status).not.toBe(0);
  });

  it('outside a git repository (an unpacked tarball, CI without .git) npm install succeeds and nothing is written', () => {
    const dir = temp.dir('hush-tarball-');
    write(dir, 'package.json', JSON.stringify(PREPARE));
    const path = `${hushOnPath()}:/usr/bin:/bin`;
    for (const ci of [{}, { CI: 'true' }]) {
      const env: NodeJS.ProcessEnv = { ...GIT_ENV, ...ci, PATH: path, HOME: dir, GIT_CEILING_DIRECTORIES: dir };
      const run = spawnSync('npm', ['--no-audit', '--no-fund', '--offline', '--loglevel=error', 'install'], { cwd: dir, env, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('hush:');
    }
    expect(existsSync(join(dir, '.git'))).toBe(false);
    // --quiet outside npm does the same; without it the user is told, in words.
    expect(runHushProcess(['hook', 'install', '--quiet'], dir, { GIT_CEILING_DIRECTORIES: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    const loud = runHushProcess(['hook', 'install'], dir, { GIT_CEILING_DIRECTORIES: dir });
    expect(loud.code).toBe(2);
    expect(loud.stderr).toBe(`hush: not inside a git repository: ${dir}\n`);
  });
});

describe('a hook where hush is not installed (issue 22)', () => {
  it('names the hush-scan package and how to install it, and blocks', () => {
    const dir = initRepo(temp.dir('hush-missing-'));
    write(dir, 'package.json', '{"name":"app","private":true}\n');
    commit(dir, { 'README.md': '# app\n' }, 'init');
    // A hooks directory in the work tree is committed: its script names no path of this machine.
    git(dir, 'config', 'core.hooksPath', '.githooks');
    expect(runHushProcess(['hook', 'install'], dir).code).toBe(0);
    write(dir, 'notes.txt', 'hello\n');
    git(dir, 'add', 'notes.txt');
    const env = { ...GIT_ENV, PATH: '/usr/bin:/bin', HOME: dir };
    const run = spawnSync('git', ['commit', '-q', '-m', 'notes'], { cwd: dir, encoding: 'utf8', env });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('hush is not installed in this clone (it is the npm package hush-scan)');
    expect(run.stderr).toContain('npm install --save-dev hush-scan');
    expect(run.stderr).not.toContain('hush@');
  });
});

describe('a made-up token that fails its checksum (issue 22)', () => {
  // Random-looking, in GitHub's format, but its last six characters are not the CRC-32 of the rest.
  const MADE_UP = 'ghp_Q7rT2mX9kLp4Vz8NwB3yHc6JdF1sGa5Ue0Ro';
  const NOTE = '1 candidate dropped: checksum fails — real GitHub tokens always pass; see';

  it('is not reported, and the summary says so once', () => {
    const dir = temp.dir('hush-made-up-');
    writeFileSync(join(dir, 'x.py'), `token = "${MADE_UP}"\n`);
    const scan = runHushProcess(['scan', '.'], dir);
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain(`${NOTE} --include-suppressed`);
    expect(scan.stdout.split(NOTE)).toHaveLength(2);
    const shown = runHushProcess(['scan', '.', '--include-suppressed', '--format', 'json'], dir);
    expect(JSON.parse(shown.stdout).findings[0].suppression.reason).toMatch(/^checksum failed/);
  });

  it('the hook lets the commit through and says why it found nothing', () => {
    const dir = initRepo(temp.dir('hush-made-up-hook-'));
    commit(dir, { 'README.md': '# app\n' }, 'init');
    expect(runHushProcess(['hook', 'install'], dir).code).toBe(0);
    write(dir, 'x.py', `token = "${MADE_UP}"\n`);
    git(dir, 'add', 'x.py');
    const run = spawnSync('git', ['commit', '-q', '-m', 'made-up token'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`hush: ${NOTE} \`hush staged --include-suppressed\``);
  });
});

describe('hush staged reads the index, whatever the work tree holds now (issue 22)', () => {
  it('a staged file replaced by a FIFO or a symlink in the work tree: the staged content is judged, nothing hangs', () => {
    const dir = initRepo(temp.dir('hush-staged-fifo-'));
    commit(dir, { 'README.md': '# app\n' }, 'init');
    write(dir, 'a.env', `GITHUB_TOKEN=${TOKEN}\n`);
    write(dir, 'b.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 'a.env', 'b.env');
    rmSync(join(dir, 'a.env'));
    expect(spawnSync('mkfifo', [join(dir, 'a.env')]).status).toBe(0);
    rmSync(join(dir, 'b.env'));
    write(dir, 'elsewhere.txt', 'clean\n');
    symlinkSync(join(dir, 'elsewhere.txt'), join(dir, 'b.env'));
    const run = spawnSync(hushBin, ['staged', '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout).findings as JsonFinding[]).map((f) => f.path).sort()).toEqual(['a.env', 'b.env']);
  });

  it('a repository whose path holds a line break (and one without a commit yet): found, from the root and a subfolder', () => {
    for (const withCommit of [true, false]) {
      const dir = join(temp.dir('hush-staged-newline-'), 'odd\nname');
      mkdirSync(dir);
      initRepo(dir);
      if (withCommit) commit(dir, { 'README.md': '# app\n' }, 'init');
      write(dir, 'src/a.env', `GITHUB_TOKEN=${TOKEN}\n`);
      git(dir, 'add', 'src/a.env');
      for (const cwd of [dir, join(dir, 'src')]) {
        const run = spawnSync(hushBin, ['staged', '--format', 'json'], { cwd, encoding: 'utf8', timeout: 60_000 });
        expect(run.status, run.stderr).toBe(1);
        expect((JSON.parse(run.stdout).findings as JsonFinding[]).map((f) => f.path)).toEqual(['src/a.env']);
      }
    }
  });
});
