// The published package `hush-scan` (bundle/): packed with npm, installed offline into a fresh project
// that has only Node and npm, and used there as a user would (npx, no workspace links).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git } from './git-helpers.js';
import { fixtures, perTestTemp, repoRoot, sarifSchemaErrors, tempDir } from './helpers.js';

const temp = perTestTemp();
let tarball: string;

/** npm with a private cache, offline: only the local tarball can be installed. */
function npm(cwd: string, args: string[], cache: string) {
  return spawnSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--cache', cache], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
}

function npx(cwd: string, args: string[]) {
  return spawnSync('npx', ['--no-install', 'hush', ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
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
    expect(manifest).toMatchObject({ name: 'hush-scan', bin: { hush: 'bin/hush.mjs' }, license: 'MIT', engines: { node: expect.any(String) } });
    expect(manifest.private).toBeUndefined();
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.files).toEqual(expect.arrayContaining(['bin/', 'README.md', 'LICENSE']));
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listed).toEqual(['package/LICENSE', 'package/README.md', 'package/bin/builtin.json', 'package/bin/hush.mjs', 'package/bin/worker.js', 'package/package.json']);
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
    expect(report.findings.map((f: { ruleId: string; path: string }) => `${f.ruleId} ${f.path}`)).toContain('azure.entra-client-secret config/appsettings.json');

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
    const out = spawnSync('docker', ['run', '--rm', '-v', `${join(fixtures, 'sample-app')}:/repo:ro`, 'hush-test', 'scan', '.', '--format', 'json'], { encoding: 'utf8' });
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout).findings.length).toBeGreaterThan(0);
  });
});
