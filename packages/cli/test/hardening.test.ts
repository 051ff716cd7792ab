// Adversarial input: odd files and names, huge files, runaway user rules, broken repositories.
// Everything is generated here (large files are sparse or written on the fly, never committed).
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync, ftruncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@hush/rules';
// The built pool: its worker threads run the built worker.
import { scanFiles } from '../../scanner/dist/run/pool.js';
import { walkFiles } from '../../scanner/dist/sources/fs.js';
import { commit, git, initRepo } from '../../../test-support/git.js';
import { runHush } from './helpers.js';
import { perTestTemp } from '../../../test-support/helpers.js';

const TOKEN = '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';
const temp = perTestTemp();
const dir = () => temp.dir('hush-hard-');
async function scanJson(target: string, ...args: string[]) {
  const run = await runHush(['scan', target, '-f', 'json', ...args]);
  expect(run.code, run.stderr).toBeLessThan(2);
  return JSON.parse(run.stdout) as {
    findings: Array<{ path: string; line: number; column: number; endColumn: number; ruleId: string }>;
    skipped: Array<{ path: string; reason: string; detail?: string }>;
  };
}

describe('adversarial files', () => {
  it('skips a 200 MB file with a note and scans a 50 MB single-line file with the right column', async () => {
    const d = dir();
    const fd = openSync(join(d, 'huge.bin'), 'w');
    ftruncateSync(fd, 200 * 1024 * 1024); // sparse: no disk or memory cost
    closeSync(fd);
    const line = openSync(join(d, 'bundle.min.js'), 'w');
    const chunk = 'var a=function(b){return b*2};'.repeat(1024 * 32); // ~1 MB
    for (let i = 0; i < 50; i++) writeSync(line, chunk);
    writeSync(line, `var t="${TOKEN}";`);
    closeSync(line);
    const report = await scanJson(d, '--max-file-size', String(64 * 1024 * 1024));
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: 'huge.bin', reason: 'too-large' }));
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ path: 'bundle.min.js', line: 1, column: chunk.length * 50 + 8 });
  });

  it('finds secrets in UTF-16 LE/BE files with a BOM, invalid UTF-8 and CRLF/mixed line endings, at the right positions', async () => {
    const d = dir();
    const text = `[settings]\r\ntoken = ${TOKEN}\r\n`;
    writeFileSync(join(d, 'le.ini'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = Buffer.from(text, 'utf16le');
    be.swap16();
    writeFileSync(join(d, 'be.ini'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    writeFileSync(join(d, 'bad-utf8.txt'), Buffer.concat([Buffer.from([0xc3, 0x28, 0xff, 0x0a]), Buffer.from(`x=${TOKEN}\n`)]));
    writeFileSync(join(d, 'mixed.txt'), `a\r\nb\rc\nd\r\n  key=${TOKEN}\n`);
    const report = await scanJson(d);
    const at = Object.fromEntries(report.findings.map((f) => [f.path, `${f.line}:${f.column}`]));
    expect(at).toEqual({ 'le.ini': '2:9', 'be.ini': '2:9', 'bad-utf8.txt': '2:3', 'mixed.txt': '5:7' });
  });

  it('skips NUL-laden binaries and copes with odd names, symlink loops, deep trees and a file deleted mid-scan', async () => {
    const d = dir();
    writeFileSync(join(d, 'blob.bin'), Buffer.concat([Buffer.alloc(64), Buffer.from(TOKEN)]));
    for (const name of ['with space.env', 'quote"d.env', "single'q.env", 'new\nline.env']) writeFileSync(join(d, name), `T=${TOKEN}\n`);
    writeFileSync(Buffer.from(join(d, 'latin1-\xe9.env'), 'latin1'), `T=${TOKEN}\n`);
    symlinkSync(join(d, 'loop-a'), join(d, 'loop-b'));
    symlinkSync(join(d, 'loop-b'), join(d, 'loop-a'));
    let deep = d;
    for (let i = 0; i < 200; i++) deep = join(deep, 'd');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'deep.env'), `T=${TOKEN}\n`);
    const report = await scanJson(d);
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: 'blob.bin', reason: 'binary' }));
    expect(report.skipped.filter((s) => s.reason === 'symlink-loop')).toHaveLength(2);
    const paths = report.findings.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['with space.env', 'quote"d.env', "single'q.env", 'new\nline.env', `${'d/'.repeat(200)}deep.env`]));
    expect(paths.some((p) => p.startsWith('latin1-'))).toBe(true);
    expect(paths).toHaveLength(6);

    const walk = walkFiles(d, [d]);
    unlinkSync(join(d, 'with space.env'));
    const outcomes = await scanFiles(walk.files, {
      rules: [...builtinRules()],
      jobs: 2,
      maxFileSize: 1 << 20,
      allowSecrets: [],
      stopwords: [],
      workers: 'always',
    });
    expect(outcomes.map((o) => o.skipped)).toContainEqual(expect.objectContaining({ path: 'with space.env', reason: 'unreadable', detail: 'ENOENT' }));
    expect(outcomes.flatMap((o) => o.findings)).toHaveLength(5);
  });
});

describe('runaway rules', () => {
  const runaway = {
    id: 'team.slow',
    title: 'Slow rule',
    description: 'Catastrophic backtracking on purpose.',
    severity: 'low',
    keywords: ['aaaa'],
    pattern: '(?<secret>(a+)+)$',
    examples: ['aaaa'],
  };

  it('stops a catastrophic user regex, names the rule and file, and scans the rest', async () => {
    const d = dir();
    writeFileSync(join(d, '.hush.json'), JSON.stringify({ rules: [runaway], fileTimeoutMs: 500 }));
    writeFileSync(join(d, 'evil.txt'), `${'a'.repeat(40)}!\n`);
    writeFileSync(join(d, 'ok.env'), `T=${TOKEN}\n`);
    const started = Date.now();
    const report = await scanJson(d);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(report.findings.map((f) => f.path)).toEqual(['ok.env']);
    expect(report.skipped).toContainEqual({ path: 'evil.txt', reason: 'timeout', detail: 'rule team.slow ran over 500 ms; file not fully scanned' });
  });

  it('does the same in a history audit', async () => {
    const d = dir();
    initRepo(d);
    commit(d, { '.hush.json': JSON.stringify({ rules: [runaway], fileTimeoutMs: 500 }), 'evil.txt': `${'a'.repeat(40)}!\n`, 'ok.env': `T=${TOKEN}\n` }, 'one');
    const run = await runHush(['audit', d, '-f', 'json', '--no-cache']);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['ok.env']);
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: 'evil.txt', reason: 'timeout' }));
  });
});

describe('broken repositories', () => {
  it('names a missing object and still scans the other blobs', async () => {
    const d = dir();
    initRepo(d);
    commit(d, { 'lost.txt': 'this blob will go missing\n', 'ok.env': `T=${TOKEN}\n` }, 'one');
    const oid = git(d, 'rev-parse', 'HEAD:lost.txt');
    rmSync(join(d, '.git/objects', oid.slice(0, 2), oid.slice(2)));
    const run = await runHush(['audit', d, '-f', 'json', '--no-cache']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['ok.env']);
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: 'lost.txt', reason: 'unreadable', detail: `object ${oid} is missing or corrupt` }));
  });

  it('names a corrupt object and still scans the other blobs', async () => {
    const d = dir();
    initRepo(d);
    commit(d, { 'bad.txt': 'this blob will be corrupted\n', 'ok.env': `T=${TOKEN}\n` }, 'one');
    const oid = git(d, 'rev-parse', 'HEAD:bad.txt');
    const file = join(d, '.git/objects', oid.slice(0, 2), oid.slice(2));
    execFileSync('chmod', ['u+w', file]);
    writeFileSync(file, Buffer.from('definitely not zlib data'));
    const run = await runHush(['audit', d, '-f', 'json', '--no-cache']);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['ok.env']);
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: 'bad.txt', reason: 'unreadable' }));
    expect(readdirSync(d)).toContain('ok.env');
  });
});
