// History audit acceptance, with real git in temporary repositories.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from './git-helpers.js';
import { hushBin, multitoolErrors, runHush, sarifSchemaErrors, perTestTemp } from './helpers.js';

const TOKEN = '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';
const NPM = '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';
const temp = perTestTemp();
const repo = () => initRepo(temp.dir('hush-git-'));
async function auditJson(dir: string, ...args: string[]) {
  const run = await runHush(['audit', dir, '-f', 'json', ...args]);
  expect(run.stderr).toBe('');
  return { code: run.code, report: JSON.parse(run.stdout) };
}

describe('hush audit', () => {
  it('credits a secret removed later to the commit that added it, with inHead false', async () => {
    const dir = repo();
    commit(dir, { 'README.md': '# app\n' }, 'one');
    const second = commit(dir, { 'config/.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'two');
    commit(dir, { 'config/.env': null }, 'three');
    const { code, report } = await auditJson(dir, '--no-cache');
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'github.classic-pat', path: 'config/.env', inHead: false, line: 1, column: 14 });
    expect(report.findings[0].commit).toMatchObject({ sha: second, author: 'Test Author', path: 'config/.env' });
    const text = await runHush(['audit', dir, '--no-cache']);
    expect(text.stdout).toContain('Only in history');
    expect(text.stdout).toContain('still valid until rotated');
  });

  it('scans a blob shared by 50 commits once and reports the secret still in HEAD', async () => {
    const dir = repo();
    const first = commit(dir, { 'keys.env': `NPM_TOKEN=${NPM}\n` }, 'add');
    for (let i = 0; i < 50; i++) commit(dir, { [`notes/n${i}.txt`]: `note ${i}\n` }, `note ${i}`);
    const { report } = await auditJson(dir, '--no-cache');
    expect(report.stats.commitsScanned).toBe(51);
    expect(report.stats.blobsScanned).toBe(51); // keys.env once + 50 notes
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ inHead: true, commit: { sha: first } });
  });

  it('reports only what a --range introduced', async () => {
    const dir = repo();
    commit(dir, { 'old.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'old secret on main');
    git(dir, 'checkout', '-q', '-b', 'feature');
    commit(dir, { 'a.txt': 'plain\n' }, 'f1');
    commit(dir, { 'new.env': `NPM_TOKEN=${NPM}\n` }, 'f2');
    const { report } = await auditJson(dir, '--range', 'main..feature', '--no-cache');
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['new.env']);
  });

  it('a second audit of an unchanged repository scans no blobs and reports the same findings', async () => {
    const dir = repo();
    commit(dir, { '.env': `GITHUB_TOKEN=${TOKEN}\n`, 'b.txt': 'b\n' }, 'one');
    commit(dir, { '.env': `GITHUB_TOKEN=${TOKEN}\nNPM_TOKEN=${NPM}\n` }, 'two');
    const first = await auditJson(dir);
    const second = await auditJson(dir);
    expect(first.report.stats.blobsScanned).toBeGreaterThan(0);
    expect(second.report.stats.blobsScanned).toBe(0);
    expect(second.report.stats.blobsCached).toBe(first.report.stats.blobsScanned);
    const strip = (r: { findings: unknown[] }) => JSON.stringify(r.findings);
    expect(strip(second.report)).toBe(strip(first.report));
    const cache = readFileSync(join(dir, '.git/hush/audit-cache.json'), 'utf8');
    expect(cache).not.toContain(TOKEN);
    expect(cache).not.toContain(NPM);
  });

  it('runs nothing from a hostile .git/config (fsmonitor, filters, textconv, external diff, hooks)', async () => {
    const dir = repo();
    // Outside the work tree (nothing git lists), in a temporary directory of the test's own.
    const trap = temp.dir('hush-trap-');
    const marker = join(trap, 'marker');
    const script = join(trap, 'evil.sh');
    writeFileSync(script, `#!/bin/sh\necho ran >> ${marker}\ncat\n`);
    chmodSync(script, 0o755);
    commit(dir, { '.gitattributes': '* filter=evil diff=evil\n', '.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'one');
    // Stage a change before the hostile config exists, so only hush can trigger it afterwards.
    write(dir, 'staged.env', `NPM_TOKEN=${NPM}\n`);
    git(dir, 'add', 'staged.env');
    for (const [key, value] of [
      ['core.fsmonitor', script],
      ['filter.evil.clean', script],
      ['filter.evil.smudge', script],
      ['filter.evil.process', script],
      ['diff.evil.textconv', script],
      ['diff.external', script],
      ['core.pager', script],
      ['core.hooksPath', join(dir, 'hooks')],
    ])
      git(dir, 'config', key, value);
    write(dir, 'hooks/post-checkout', `#!/bin/sh\necho hook >> ${marker}\n`);
    const audit = await auditJson(dir, '--no-cache');
    expect(audit.report.findings.length).toBeGreaterThan(0);
    const staged = await runHush(['staged', '-f', 'json'], dir);
    expect(staged.code).toBe(1);
    expect(existsSync(marker)).toBe(false);
    // Control: the trap is live, so plain git (as a careless scanner would run it) trips it.
    git(dir, 'diff', '--cached', 'HEAD');
    expect(existsSync(marker)).toBe(true);
  });

  it('handles an empty repository, a bare clone, a shallow clone and a path that is not a repository', async () => {
    const empty = repo();
    expect((await auditJson(empty)).code).toBe(0);
    const dir = repo();
    commit(dir, { 'a.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'one');
    commit(dir, { 'b.txt': 'b\n' }, 'two');
    commit(dir, { 'c.txt': 'c\n' }, 'three');
    const bare = temp.dir('hush-bare-');
    git(bare, 'clone', '-q', '--bare', dir, 'r.git');
    expect((await auditJson(join(bare, 'r.git'))).report.findings).toHaveLength(1);
    const shallow = temp.dir('hush-shallow-');
    git(shallow, 'clone', '-q', '--depth', '1', `file://${dir}`, 's');
    const run = await runHush(['audit', join(shallow, 's'), '-f', 'json']);
    expect(JSON.parse(run.stdout).warnings.join(' ')).toMatch(/shallow clone: only 1 commit/);
    const notRepo = temp.dir();
    const bad = await runHush(['audit', notRepo]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/not a git repository/);
  });

  it('reports submodules without entering them, and audits checked-out ones with --submodules', async () => {
    const lib = repo();
    commit(lib, { 'lib.env': `NPM_TOKEN=${NPM}\n` }, 'lib secret');
    const app = repo();
    commit(app, { 'README.md': '# app\n' }, 'one');
    git(app, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'vendor/lib');
    git(app, 'commit', '-q', '-m', 'add submodule');
    const plain = await auditJson(app, '--no-cache');
    expect(plain.report.findings).toEqual([]);
    expect(plain.report.warnings.join(' ')).toMatch(/submodule vendor\/lib not scanned/);
    const deep = await auditJson(app, '--no-cache', '--submodules');
    expect(deep.report.findings.map((f: { path: string; ruleId: string }) => `${f.ruleId}:${f.path}`)).toEqual(['npm.access-token:vendor/lib/lib.env']);
  });

  it('copes with renames, merges, binary and oversized blobs, LFS pointers, non-UTF-8 paths and a detached HEAD', async () => {
    const dir = repo();
    commit(dir, { 'a/secret.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'add');
    git(dir, 'mv', 'a/secret.env', 'renamed.env');
    git(dir, 'commit', '-q', '-m', 'rename');
    git(dir, 'checkout', '-q', '-b', 'side');
    commit(dir, { 'side.env': `NPM_TOKEN=${NPM}\n` }, 'side');
    git(dir, 'checkout', '-q', 'main');
    commit(dir, { 'main.txt': 'main\n' }, 'main');
    git(dir, 'merge', '-q', '--no-edit', 'side');
    write(dir, 'blob.bin', '');
    writeFileSync(join(dir, 'blob.bin'), Buffer.concat([Buffer.alloc(32), Buffer.from(TOKEN)]));
    writeFileSync(join(dir, 'big.txt'), `${'x'.repeat(5000)}\n${TOKEN}\n`);
    write(dir, 'model.bin', 'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'a'.repeat(64) + '\nsize 12345\n');
    writeFileSync(Buffer.from(join(dir, 'caf\xe9.env'), 'latin1'), `T=${TOKEN}\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'odd files');
    git(dir, 'checkout', '-q', '--detach', 'HEAD');
    const { code, report } = await auditJson(dir, '--no-cache', '--max-file-size', '4096');
    expect(code).toBe(1);
    const paths = report.findings.map((f: { path: string }) => f.path);
    // The token first appeared at a/secret.env; renamed, not removed, it is reported where HEAD has it,
    // credited to the commit and path that introduced it (a/secret.env is history, not the tree).
    expect(paths).toEqual(expect.arrayContaining(['renamed.env', 'side.env']));
    expect(paths).not.toContain('a/secret.env');
    expect(paths.some((p: string) => p.startsWith('caf'))).toBe(true);
    expect(paths).not.toContain('blob.bin');
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: 'big.txt', reason: 'too-large' }));
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: 'blob.bin', reason: 'binary' }));
    const renamed = report.findings.find((f: { path: string }) => f.path === 'renamed.env');
    expect(renamed).toMatchObject({ inHead: true, line: 1, commit: { path: 'a/secret.env' } });
  });

  it('honours allow.paths from .hush.json in history and staged scans', async () => {
    const dir = repo();
    commit(
      dir,
      { '.hush.json': JSON.stringify({ allow: { paths: ['vendor/**'] } }), 'vendor/lib.env': `NPM_TOKEN=${NPM}\n`, 'app.env': `GITHUB_TOKEN=${TOKEN}\n` },
      'one',
    );
    expect((await auditJson(dir, '--no-cache')).report.findings.map((f: { path: string }) => f.path)).toEqual(['app.env']);
    write(dir, 'vendor/more.env', `NPM_TOKEN=${NPM}\n`);
    git(dir, 'add', 'vendor/more.env');
    const staged = await runHush(['staged', '-f', 'json'], dir);
    expect(staged.code).toBe(0);
  });

  it('shows a progress bar on a terminal, and none when piped or in CI', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = repo();
    for (let i = 0; i < 5; i++) commit(dir, { [`f${i}.txt`]: `file ${i}\n` }, `c${i}`);
    // `script` gives the command a pseudo-terminal, as an interactive shell would.
    const command = `${hushBin} audit ${dir} --no-cache`;
    const onTty = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, CI: 'false', TERM: 'xterm' } });
    // Matches in blobs, not "findings": the report counts secrets placed at paths, a different number.
    expect(onTty.stdout).toMatch(/\d+\/\d+ blobs .* MB\/s .* matches in blobs/);
    // The slow hash of a password for a JSON report is a phase of its own (issue 22).
    commit(dir, { 'db/.env': 'DB_PASSWORD=Winter2024!x\n' }, 'a password');
    const out = join(temp.dir('hush-progress-out-'), 'audit.json');
    const hashing = spawnSync('script', ['-qec', `${command} -f json -o ${out}`, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'false', TERM: 'xterm' },
    });
    expect(hashing.stdout).toContain('hashing 1 low-entropy secret for the report (scrypt)');
    const inCi = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, CI: 'true', TERM: 'xterm' } });
    expect(inCi.stdout).not.toMatch(/blobs .* MB\/s/);
    const piped = spawnSync(hushBin, ['audit', dir, '--no-cache'], { encoding: 'utf8', env: { ...process.env, CI: 'false' } });
    expect(piped.stdout + piped.stderr).not.toMatch(/blobs .* MB\/s/);
  });

  it('carries commit data in SARIF that the schema and the Multitool accept', async () => {
    const dir = repo();
    commit(dir, { '.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'one');
    const out = join(temp.dir('hush-audit-out-'), 'audit.sarif');
    const run = await runHush(['audit', dir, '-f', 'sarif', '-o', out, '--no-cache']);
    expect(run.code).toBe(1);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(multitoolErrors(out)).toEqual([]);
    expect(log.runs[0].versionControlProvenance[0].revisionId).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(log.runs[0].results[0].properties).toMatchObject({ commitSha: git(dir, 'rev-parse', 'HEAD'), inHead: true });
  });
});

describe('hush staged', () => {
  it('judges the staged version: a secret only in the unstaged part is not reported, in the staged part it is', async () => {
    const dir = repo();
    commit(dir, { 'app.env': 'A=1\n' }, 'one');
    write(dir, 'app.env', `A=1\nGITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', 'app.env');
    write(dir, 'app.env', `A=1\nGITHUB_TOKEN=${TOKEN}\nNPM_TOKEN=${NPM}\n`);
    const run = await runHush(['staged', '-f', 'json'], dir);
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout).findings;
    expect(findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}:${f.line}`)).toEqual(['github.classic-pat:2']);
  });

  it('reports only findings on added lines, finds a PEM key, works before the first commit and from a subdirectory', async () => {
    const dir = repo();
    const key = readFileSync(join(__dirname, '../../rules/data/examples/ec-sec1.pem'), 'utf8');
    write(dir, 'sub/id_ec', key);
    write(dir, 'sub/old.env', `GITHUB_TOKEN=${TOKEN}\n`);
    git(dir, 'add', '.');
    const before = await runHush(['staged', '-f', 'json'], join(dir, 'sub'));
    expect(
      JSON.parse(before.stdout)
        .findings.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['sub/id_ec', 'sub/old.env']);
    git(dir, 'commit', '-q', '--no-verify', '-m', 'init');
    write(dir, 'sub/old.env', `GITHUB_TOKEN=${TOKEN}\nOTHER=1\n`);
    git(dir, 'add', '.');
    const after = await runHush(['staged'], dir);
    expect(after.code).toBe(0);
    const status = git(dir, 'status', '--porcelain');
    expect(status).toBe('M  sub/old.env');
  });
});
