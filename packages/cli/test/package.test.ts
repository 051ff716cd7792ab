// The published package `hush-scan` (bundle/): packed with npm, installed offline into a fresh project
// that has only Node and npm, and used there as a user would (npx, no workspace links).
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GIT_ENV, git } from '../../../test-support/git.js';
import { sarifSchemaErrors } from './helpers.js';
import { fixtures, perTestTemp, repoRoot, tempDir } from '../../../test-support/helpers.js';

const temp = perTestTemp();
/** Long installs run asynchronously, so the test worker keeps answering vitest meanwhile. */
const exec = promisify(execFile);
let tarball: string;

/**
 * A user's shell environment: without the npm_* variables that the package manager running this test
 * suite sets (pnpm's `npm_config_verify_deps_before_run` makes npm warn about an unknown config).
 */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

/** npm with a private cache, offline: only the local tarball can be installed. */
function npm(cwd: string, args: string[], cache: string) {
  return spawnSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--cache', cache], { cwd, encoding: 'utf8', env: { ...userEnv, CI: 'true' } });
}

function npx(cwd: string, args: string[]) {
  return spawnSync('npx', ['--no-install', 'hush', ...args], { cwd, encoding: 'utf8', env: { ...userEnv, CI: 'true' } });
}

beforeAll(() => {
  const out = tempDir('hush-pack-');
  const made = execFileSync('npm', ['pack', join(repoRoot, 'bundle'), '--pack-destination', out.path, '--json'], { encoding: 'utf8', cwd: out.path });
  const [info] = JSON.parse(made) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(out.path, info.filename);
  return out.cleanup;
});

/** A fresh npm project in a git repository, with hush-scan installed from the tarball. */
function project(): string {
  const dir = temp.dir('hush-user-');
  const cache = temp.dir('hush-npm-cache-');
  git(dir, 'init', '-q', '-b', 'main');
  execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' });
  const installed = npm(dir, ['install', '--save-dev', tarball], cache);
  expect(installed.status, installed.stderr).toBe(0);
  return dir;
}

describe('the hush-scan package', () => {
  it('is one self-contained package: bin hush, no dependencies, no install scripts, files, engines, license', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'bundle/package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'hush-scan', bin: { hush: 'bin/hush.cjs' }, license: 'MIT', engines: { node: expect.any(String) } });
    expect(manifest.private).toBeUndefined();
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.files).toEqual(expect.arrayContaining(['bin/', 'README.md', 'LICENSE']));
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listed).toEqual([
      'package/LICENSE',
      'package/README.md',
      'package/bin/blob-reader.cjs',
      'package/bin/builtin.json',
      'package/bin/cli.js',
      'package/bin/hush.cjs',
      'package/bin/hush.mjs',
      'package/bin/playbooks.json',
      'package/bin/worker.cjs',
      'package/package.json',
    ]);
  });

  it('installs offline into a fresh project and scans, audits and writes SARIF there', () => {
    const dir = project();
    const version = npx(dir, ['--version']);
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'bundle/package.json'), 'utf8')).version);

    // Installed in a project whose node_modules is not ignored, hush does not report its own rule data.
    const clean = npx(dir, ['scan', '.']);
    expect(clean.stderr).toBe('');
    expect(clean.status, clean.stdout).toBe(0);

    mkdirSync(join(dir, 'config'));
    copyFileSync(join(fixtures, 'sample-app/config/appsettings.json'), join(dir, 'config/appsettings.json'));
    const scan = npx(dir, ['scan', '.', '--format', 'json']);
    expect(scan.status, scan.stderr).toBe(1);
    const report = JSON.parse(scan.stdout);
    expect(report.findings.map((f: { ruleId: string; path: string }) => `${f.ruleId} ${f.path}`)).toContain(
      'azure.entra-client-secret config/appsettings.json',
    );

    git(dir, 'add', 'config');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'settings');
    const audit = npx(dir, ['audit', '.', '--format', 'sarif']);
    expect(audit.status, audit.stderr).toBe(1);
    const sarif = JSON.parse(audit.stdout);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('azure.entra-client-secret');
    expect(readdirSync(join(dir, 'node_modules/.bin'))).toContain('hush');
  });
});

describe('hooks that work on every clone (the package installed from its tarball)', () => {
  const TOKEN = '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';
  const gitEnv = { ...userEnv, ...GIT_ENV, CI: 'true' };
  const run = (cwd: string, cmd: string, args: string[]) => spawnSync(cmd, args, { cwd, encoding: 'utf8', env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const attempt = (cwd: string, file: string, text: string) => {
    writeFileSync(join(cwd, file), text);
    expect(run(cwd, 'git', ['add', file]).status).toBe(0);
    return run(cwd, 'git', ['commit', '-q', '-m', `add ${file}`]);
  };

  /** Tracked files the install added or changed must hold no path of this machine. */
  function expectPortable(dir: string, root: string) {
    const changed = run(dir, 'git', ['status', '--porcelain', '--untracked-files=all'])
      .stdout.split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
    for (const file of changed) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const machinePath of [root, dir, tmpdir(), '/usr', repoRoot, process.execPath]) expect(text, file).not.toContain(machinePath);
    }
    return changed;
  }

  /**
   * One team member's project: hush-scan (and the hook manager) from npm, `hush hook install`,
   * everything committed; then a teammate's fresh clone with `npm ci` commits through the hooks.
   */
  async function teamProject(manager: 'git' | 'husky' | 'lefthook') {
    const root = temp.dir('hush-team-');
    copyFileSync(tarball, join(root, 'hush-scan.tgz'));
    const cache = temp.dir('hush-npm-cache-');
    const first = join(root, 'first');
    mkdirSync(first);
    expect(run(first, 'git', ['init', '-q', '-b', 'main']).status).toBe(0);
    writeFileSync(join(first, 'package.json'), JSON.stringify({ name: 'team-app', version: '1.0.0', private: true }, null, 2));
    writeFileSync(join(first, '.gitignore'), 'node_modules/\n');
    // lefthook 1: npm 11 writes lefthook 2's per-platform optional packages into no lockfile entry, so
    // `npm ci` refuses the lockfile that `npm install` just wrote (an npm bug, not a hush one).
    const tools = manager === 'husky' ? ['husky@9'] : manager === 'lefthook' ? ['lefthook@1'] : [];
    // The tarball from a path both clones reach the same way (a registry would serve it in real life).
    await exec('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--cache', cache, 'file:../hush-scan.tgz', ...tools], { cwd: first, env: gitEnv });
    if (manager === 'husky') {
      expect(run(first, process.execPath, [join(first, 'node_modules/husky/bin.js'), 'init']).status).toBe(0);
      // husky init's sample hook runs `npm test`; the team's own hook here is a harmless one.
      writeFileSync(join(first, '.husky/pre-commit'), 'echo team-hook-ran\n');
    }
    if (manager === 'lefthook') writeFileSync(join(first, 'lefthook.yml'), 'pre-commit:\n  commands:\n    lint:\n      run: echo lint-ran\n');
    const install = npx(first, ['hook', 'install', ...(manager === 'git' ? [] : ['--manager', manager])]);
    expect(install.status, install.stderr + install.stdout).toBe(0);
    if (manager === 'lefthook') expect(run(first, join(first, 'node_modules/.bin/lefthook'), ['install']).status).toBe(0);
    const changed = expectPortable(first, root);
    expect(run(first, 'git', ['add', '-A']).status).toBe(0);
    expect(run(first, 'git', ['commit', '-q', '--no-verify', '-m', 'hush in the project']).status).toBe(0);
    // The first member's own hook works.
    expect(attempt(first, 'leak.env', `GITHUB_TOKEN=${TOKEN}\n`).status).not.toBe(0);
    run(first, 'git', ['reset', '-q', 'HEAD', 'leak.env']);
    // A teammate's machine: a fresh clone, npm ci (offline: the tarball and the cache are all there is).
    const second = join(root, 'second');
    expect(run(root, 'git', ['clone', '-q', first, second]).status).toBe(0);
    await exec('npm', ['ci', '--no-audit', '--no-fund', '--cache', cache, '--prefer-offline'], { cwd: second, env: gitEnv });
    if (manager === 'git') expect(npx(second, ['hook', 'install']).status).toBe(0);
    if (manager === 'lefthook') run(second, join(second, 'node_modules/.bin/lefthook'), ['install']);
    return { first, second, changed };
  }

  for (const manager of ['git', 'husky', 'lefthook'] as const) {
    it(`${manager}: no machine path in tracked files; a teammate's clone blocks a secret and lets a clean commit through`, async () => {
      const { second, changed } = await teamProject(manager);
      if (manager === 'husky') expect(changed).toEqual(expect.arrayContaining(['.husky/pre-commit']));
      if (manager === 'lefthook') expect(changed).toEqual(expect.arrayContaining(['lefthook.yml']));
      const blocked = attempt(second, 'leak.env', `GITHUB_TOKEN=${TOKEN}\n`);
      expect(blocked.status).not.toBe(0);
      expect(blocked.stderr).toMatch(/hush: this commit adds 1 secret/);
      expect(blocked.stderr).not.toContain(TOKEN);
      run(second, 'git', ['reset', '-q', 'HEAD', 'leak.env']);
      const clean = attempt(second, 'notes.txt', 'nothing secret here\n');
      expect(clean.status, clean.stderr).toBe(0);
    }, 300_000);
  }
});

describe('the container image definition', () => {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  const engine = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0;

  it('is node slim, installs the packed tarball, runs as a non-root user with hush as entry point in /repo', () => {
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms.every((f) => /^node:\d+-slim$/.test(f))).toBe(true);
    expect(dockerfile).toMatch(/npm pack \.\/bundle/);
    expect(dockerfile).toMatch(/npm install --global [^\n]*hush-scan\.tgz/);
    const user = [...dockerfile.matchAll(/^USER (\S+)/gm)].map((m) => m[1]);
    expect(user.at(-1)).toBeDefined();
    expect(user.at(-1)).not.toMatch(/^(root|0)$/);
    expect(dockerfile).toMatch(/^WORKDIR \/repo$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["hush"\]$/m);
  });

  it.runIf(engine)('builds and scans a read-only mounted repository (only where a container engine runs)', () => {
    execFileSync('docker', ['build', '-q', '-t', 'hush-test', repoRoot], { stdio: 'pipe' });
    const out = spawnSync('docker', ['run', '--rm', '-v', `${join(fixtures, 'sample-app')}:/repo:ro`, 'hush-test', 'scan', '.', '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout).findings.length).toBeGreaterThan(0);
  });
});
