// Issue 12, "Wrong results": each case once missed a secret or misplaced it; all through the real CLI.
import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from './git-helpers.js';
import { runHush, perTestTemp } from './helpers.js';

const GITHUB = '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';
const temp = perTestTemp();

interface JsonReport {
  findings: Array<{ ruleId: string; path: string; line: number; column: number; endColumn: number; secret: string; inHead?: boolean; commit?: { sha: string; path: string } }>;
  skipped: Array<{ path: string; reason: string; detail?: string }>;
  stats: { filesScanned: number };
}

async function scanJson(cwd: string, ...args: string[]): Promise<JsonReport> {
  const run = await runHush(['scan', ...args, '-f', 'json'], cwd);
  expect(run.code, run.stderr).toBeLessThan(2);
  return JSON.parse(run.stdout) as JsonReport;
}

/** A signed-looking JWT with an Entra-like payload padded to about `length` characters. */
function longJwt(length: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'RS256', typ: 'JWT', kid: 'test-key' });
  const claims = { aud: 'api://reports', iss: 'https://login.microsoftonline.com/tenant/v2.0', exp: 2051222400, iat: 1767225600, roles: [] as string[] };
  while (header.length + part(claims).length + 350 < length) claims.roles.push(`Reports.Read.${claims.roles.length}`);
  return `${header}.${part(claims)}.${randomBytes(256).toString('base64url')}`;
}

describe('keyword windows reach the end of long tokens', () => {
  it('finds a 2,500-character JWT in the middle of a long line, at its column', async () => {
    const d = temp.dir();
    const jwt = longJwt(2500);
    expect(jwt.length).toBeGreaterThan(2400);
    const before = `${'x'.repeat(3000)} Authorization: Bearer `;
    writeFileSync(join(d, 'trace.log'), `${before}${jwt} ${'y'.repeat(3000)}\n`);
    const report = await scanJson(d, '.');
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'generic.jwt', line: 1, column: before.length + 1, endColumn: before.length + jwt.length + 1 })]);
  });

  it('finds a SAS URL whose sv= parameter is far before its sig= keyword on a long line', async () => {
    const d = temp.dir();
    const signature = `${randomBytes(32).toString('base64').replace(/[+/=]/g, 'A')}%3D`;
    const url = `https://contosodata.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&sp=r&se=2030-01-01&meta=${'m'.repeat(1800)}&sig=${signature}`;
    const before = `${'z '.repeat(1500)}url="`;
    writeFileSync(join(d, 'config.js'), `${before}${url}";\n`);
    const report = await scanJson(d, '.');
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'azure.storage-sas-token', line: 1, endColumn: before.length + url.length + 1 })]);
  });
});

describe('scan scope inside a git repository', () => {
  it('scans what git tracks (a committed .env that .gitignore matches too) plus untracked files git does not ignore', async () => {
    const d = initRepo(temp.dir());
    const outside = temp.dir();
    writeFileSync(join(outside, 'elsewhere.env'), `T=${GITHUB}\n`);
    write(d, '.gitignore', '.env\n*.log\n');
    write(d, '.env', `GITHUB_TOKEN=${GITHUB}\n`);
    write(d, 'gone.env', `GITHUB_TOKEN=${GITHUB}\n`);
    git(d, 'add', '-f', '.gitignore', '.env', 'gone.env');
    git(d, 'commit', '-q', '-m', 'config');
    unlinkSync(join(d, 'gone.env')); // tracked, deleted from the work tree: not an error
    write(d, 'src/new.env', `GITHUB_TOKEN=${GITHUB}\n`); // untracked, not ignored
    write(d, 'debug.log', `GITHUB_TOKEN=${GITHUB}\n`); // untracked and ignored
    symlinkSync(join(outside, 'elsewhere.env'), join(d, 'link.env'));
    const report = await scanJson(outside, d);
    expect(report.findings.map((f) => f.path).sort()).toEqual(['.env', 'src/new.env']);
    expect(report.skipped).toEqual([expect.objectContaining({ path: 'link.env', reason: 'symlink-outside-root' })]);
    const text = await runHush(['scan', d], outside);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('.env');
  });

  it('keeps the .gitignore walk outside a repository', async () => {
    const d = temp.dir();
    write(d, '.gitignore', '.env\n');
    write(d, '.env', `GITHUB_TOKEN=${GITHUB}\n`);
    write(d, 'app.env', `GITHUB_TOKEN=${GITHUB}\n`);
    const report = await scanJson(d, '.');
    expect(report.findings.map((f) => f.path)).toEqual(['app.env']);
  });

  it('lists checked-out nested repositories through their own git, and skips an uninitialised submodule', async () => {
    const d = initRepo(temp.dir());
    commit(d, { 'README.md': 'hello\n' }, 'one');
    mkdirSync(join(d, 'vendor-repo'));
    const nested = initRepo(join(d, 'vendor-repo'));
    write(nested, '.gitignore', 'secret.env\n');
    write(nested, 'secret.env', `GITHUB_TOKEN=${GITHUB}\n`);
    git(nested, 'add', '-f', '.gitignore', 'secret.env');
    git(nested, 'commit', '-q', '-m', 'nested');
    mkdirSync(join(d, 'empty-submodule'));
    git(d, 'update-index', '--add', '--cacheinfo', `160000,${git(d, 'rev-parse', 'HEAD')},empty-submodule`);
    const report = await scanJson(d, '.');
    expect(report.findings.map((f) => f.path)).toEqual(['vendor-repo/secret.env']);
  });
});

describe('--include and --exclude', () => {
  it('match relative to the scan root; a pattern without / matches a name at any depth', async () => {
    const d = temp.dir();
    const cwd = temp.dir();
    write(d, 'app/deep/settings.py', `TOKEN = "${GITHUB}"\n`);
    write(d, 'app/main.js', `const t = "${GITHUB}";\n`);
    write(d, 'vendor/lib/conf.py', `TOKEN = "${GITHUB}"\n`);
    write(d, 'top.py', `TOKEN = "${GITHUB}"\n`);
    const paths = async (...args: string[]) => (await scanJson(cwd, ...args)).findings.map((f) => f.path).sort();
    expect(await paths(d, '--include', '*.py')).toEqual(['app/deep/settings.py', 'top.py', 'vendor/lib/conf.py']);
    expect(await paths(d, '--include', '*.py', '--exclude', 'vendor')).toEqual(['app/deep/settings.py', 'top.py']);
    expect(await paths(d, '--include', 'app/**/*.py')).toEqual(['app/deep/settings.py']);
    expect(await paths(d, '--include', '/top.py')).toEqual(['top.py']);
    expect(await paths(d, '--exclude', 'lib/')).toEqual(['app/deep/settings.py', 'app/main.js', 'top.py']);
  });
});
