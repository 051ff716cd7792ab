// Issue #21: hostile content must never turn the gate green. Real git, the built CLI (a separate
// process, as CI and hooks run it), temporary repositories. Every case here passed silently before.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, GIT_ENV, initRepo } from './git-helpers.js';
import { hushBin, perTestTemp, runHushProcess } from './helpers.js';

const temp = perTestTemp();
const AWS_PAIR = 'aws_access_key_id = AKIA3WZE54NDMT2AJKFM\naws_secret_access_key = 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\n';
const AWS_RULES = ['aws.access-key-id', 'aws.secret-access-key'];

/** `main` with one commit, and branch `pr` (checked out) adding `files`. */
function pullRequest(files: Record<string, string>, base: Record<string, string> = { 'README.md': '# app\n' }): string {
  const dir = initRepo(temp.dir('hush-hostile-'));
  commit(dir, base, 'base');
  git(dir, 'checkout', '-q', '-b', 'pr');
  commit(dir, files, 'pr');
  return dir;
}

const smallFiles = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`src/file${i}.js`, `export const value${i} = ${i};\n`]));

interface SarifLog {
  runs: Array<{
    results: Array<{ ruleId: string; suppressions?: unknown[] }>;
    invocations?: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: Array<{ level: string; message: { text: string } }> }>;
  }>;
}
const readSarif = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as SarifLog;

describe('a small file with an adversarial long line (item 1)', () => {
  it('the range gate reports the AWS key pair and fails (SARIF to a file)', () => {
    const dir = pullRequest({ ...smallFiles(70), 'deploy.sh': `${AWS_PAIR}${'-passin pass:='.repeat(30_000)}\n` });
    const run = runHushProcess(['audit', '.', '--range', 'main..pr', '--no-cache', '--format', 'sarif', '-o', 'out.sarif'], dir);
    expect(run.code, run.stderr).toBe(1);
    const results = readSarif(join(dir, 'out.sarif')).runs[0].results;
    for (const rule of AWS_RULES) expect(results.map((r) => r.ruleId)).toContain(rule);
  });

  it('a file cut short by the time limit keeps what was found before the stop, and the gate fails', () => {
    // 600,000 lines that each open a window and match nothing, after the key pair: far beyond 10 ms.
    const slow = `${AWS_PAIR}${'jdbc:x\n'.repeat(600_000)}`;
    const dir = pullRequest({ 'big.txt': slow }, { 'README.md': '# app\n', '.hush.json': JSON.stringify({ fileTimeoutMs: 10 }) });
    const run = runHushProcess(['audit', '.', '--range', 'main..pr', '--no-cache', '--jobs', '1', '-f', 'json'], dir);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as {
      findings: Array<{ ruleId: string }>;
      skipped: Array<{ path: string; reason: string; detail: string }>;
      complete: boolean;
    };
    // The engine always scans the file's first window (here the key id's line) before it looks at the clock.
    expect(report.findings.map((f) => f.ruleId)).toContain('aws.access-key-id');
    expect(report.skipped).toContainEqual(
      expect.objectContaining({ path: 'big.txt', reason: 'timeout', detail: expect.stringContaining('scanned only in part') }),
    );
    expect(report.complete).toBe(false);
  });

  it('with nothing found before the stop: exit 3, the note in every format (-o too), unless incompleteScan is warn', () => {
    const slow = 'jdbc:x\n'.repeat(600_000);
    const dir = pullRequest({ 'big.txt': slow }, { 'README.md': '# app\n', '.hush.json': JSON.stringify({ fileTimeoutMs: 10 }) });
    const gate = ['audit', '.', '--range', 'main..pr', '--no-cache', '--jobs', '1'];
    const sarif = runHushProcess([...gate, '--format', 'sarif', '-o', 'out.sarif'], dir);
    expect(sarif.code, sarif.stderr).toBe(3);
    expect(sarif.stderr).toMatch(/scan incomplete/);
    const invocation = readSarif(join(dir, 'out.sarif')).runs[0].invocations![0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toContainEqual(
      expect.objectContaining({ level: 'error', message: { text: expect.stringContaining('big.txt: timeout') } }),
    );
    const text = runHushProcess(gate, dir);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/note: skipped big\.txt: timeout/);
    expect(text.stdout).not.toMatch(/✔ no secrets found/);
    const html = runHushProcess([...gate, '--format', 'html', '-o', 'out.html'], dir);
    expect(html.code).toBe(3);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toMatch(/Scan incomplete/);
    const json = runHushProcess([...gate, '-f', 'json', '-o', 'out.json'], dir);
    expect(json.code).toBe(3);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).complete).toBe(false);
    // The team may choose to let it through: then the note stays, the exit is 0.
    const warned = pullRequest({ 'big.txt': slow }, { 'README.md': '# app\n', '.hush.json': JSON.stringify({ fileTimeoutMs: 10, incompleteScan: 'warn' }) });
    const passed = runHushProcess(gate, warned);
    expect(passed.code, passed.stderr).toBe(0);
    expect(passed.stdout).toMatch(/note: skipped big\.txt: timeout/);
  });

  it('the installed hook blocks a commit whose staged file was not scanned to its end', () => {
    const dir = initRepo(temp.dir('hush-hostile-hook-'));
    commit(dir, { 'README.md': '# app\n', '.hush.json': JSON.stringify({ fileTimeoutMs: 10 }) }, 'base');
    const env = { ...process.env, ...GIT_ENV, PATH: `${join(hushBin, '..')}:${process.env.PATH}` };
    execFileSync(hushBin, ['hook', 'install'], { cwd: dir, env, stdio: 'ignore' });
    writeFileSync(join(dir, 'big.txt'), 'jdbc:x\n'.repeat(600_000));
    git(dir, 'add', 'big.txt');
    const committed = spawnSync('git', ['commit', '-q', '-m', 'big'], { cwd: dir, env, encoding: 'utf8' });
    expect(committed.status, committed.stderr).not.toBe(0);
    expect(committed.stderr).toMatch(/not scanned to its end/);
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
  });
});

/** The installed hook, run by `git commit` in `dir`: the commit's exit status and stderr. */
function commitThroughHook(dir: string, path: string, content: Buffer) {
  const env = { ...process.env, ...GIT_ENV, PATH: `${join(hushBin, '..')}:${process.env.PATH}` };
  execFileSync(hushBin, ['hook', 'install'], { cwd: dir, env, stdio: 'ignore' });
  writeFileSync(join(dir, path), content);
  git(dir, 'add', path);
  return spawnSync('git', ['commit', '-q', '-m', 'add'], { cwd: dir, env, encoding: 'utf8' });
}

describe('byte-order marks and NUL patterns that do not hold (item 2)', () => {
  const payloads: Array<[string, Buffer]> = [
    ['a UTF-16 BOM before UTF-8', Buffer.concat([Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(AWS_PAIR)])],
    ['a big-endian BOM before UTF-8', Buffer.concat([Buffer.from([0xfe, 0xff, 0x0a]), Buffer.from(AWS_PAIR)])],
    ["'#\\0' * 4096 before UTF-8", Buffer.concat([Buffer.from('#\0'.repeat(4096), 'latin1'), Buffer.from(AWS_PAIR)])],
  ];

  it.each(payloads)('%s: the installed hook blocks the commit', (_name, content) => {
    const dir = initRepo(temp.dir('hush-bom-hook-'));
    commit(dir, { 'README.md': '# app\n' }, 'base');
    const committed = commitThroughHook(dir, 'prod.env', content);
    expect(committed.status, committed.stderr).not.toBe(0);
    expect(committed.stderr).toMatch(/AWS/);
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  it.each(payloads)('%s: the range audit and the full audit find the key pair', (_name, content) => {
    const dir = initRepo(temp.dir('hush-bom-audit-'));
    commit(dir, { 'README.md': '# app\n' }, 'base');
    git(dir, 'checkout', '-q', '-b', 'pr');
    writeFileSync(join(dir, 'prod.env'), content);
    git(dir, 'add', 'prod.env');
    git(dir, 'commit', '-q', '-m', 'env');
    for (const args of [
      ['audit', '.', '--range', 'main..pr', '--no-cache', '-f', 'json'],
      ['audit', '.', '--no-cache', '-f', 'json'],
    ]) {
      const run = runHushProcess(args, dir);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(1);
      const rules = (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; path: string }> }).findings.map((f) => `${f.path} ${f.ruleId}`);
      for (const rule of AWS_RULES) expect(rules).toContain(`prod.env ${rule}`);
    }
  });

  it('real UTF-16 with a BOM is still read as UTF-16 alone, at the right line', () => {
    const dir = temp.dir('hush-utf16-');
    writeFileSync(join(dir, 'prod.env'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`# config\n${AWS_PAIR}`, 'utf16le')]));
    const run = runHushProcess(['scan', '.', '-f', 'json'], dir);
    expect(run.code, run.stderr).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; line: number }> }).findings;
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['aws.access-key-id', 2],
      ['aws.secret-access-key', 3],
    ]);
  });
});

describe('a pull request passes the gate with no visible trace (item 5)', () => {
  const gate = ['audit', '.', '--range', 'main..pr', '--no-cache'];

  it('inline markers the range adds do not suppress: the gate fails and SARIF shows the findings', () => {
    const marked = AWS_PAIR.split('\n')
      .filter(Boolean)
      .map((line) => `${line} # hush:ignore\n`)
      .join('');
    const dir = pullRequest({ 'deploy.sh': marked });
    const run = runHushProcess([...gate, '--format', 'sarif', '-o', 'out.sarif'], dir);
    expect(run.code, run.stderr).toBe(1);
    const results = readSarif(join(dir, 'out.sarif')).runs[0].results;
    for (const rule of AWS_RULES) expect(results).toContainEqual(expect.objectContaining({ ruleId: rule }));
    expect(results.every((r) => r.suppressions === undefined)).toBe(true);
    const text = runHushProcess(gate, dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/inline suppression marker added in main\.\.pr was not honoured/);
  });

  it('a marker the base already had still suppresses, and SARIF carries the result as suppressed without --include-suppressed', () => {
    const base = { 'deploy.sh': `${AWS_PAIR.split('\n')[0]} # hush:ignore\n` };
    const dir = initRepo(temp.dir('hush-marker-base-'));
    commit(dir, base, 'base');
    git(dir, 'checkout', '-q', '-b', 'pr');
    commit(dir, { 'deploy.sh': `${base['deploy.sh']}echo deploy\n` }, 'pr');
    const run = runHushProcess([...gate, '--format', 'sarif', '-o', 'out.sarif'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/1 suppressed/);
    const results = readSarif(join(dir, 'out.sarif')).runs[0].results;
    expect(results).toContainEqual(expect.objectContaining({ ruleId: 'aws.access-key-id', suppressions: [expect.objectContaining({ kind: 'inSource' })] }));
  });

  it('a file starting with a NUL byte is scanned as the text it is', () => {
    const dir = pullRequest({ 'keys.env': `#\0\n${AWS_PAIR}` });
    const run = runHushProcess([...gate, '-f', 'json'], dir);
    expect(run.code, run.stderr).toBe(1);
    const rules = (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId);
    for (const rule of AWS_RULES) expect(rules).toContain(rule);
  });

  it('a binary the range adds is named in every output', () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xd8, 0, 0xc3, 0x28, 0, 0, 0xa0, 0xa1]);
    const dir = initRepo(temp.dir('hush-binary-'));
    commit(dir, { 'README.md': '# app\n' }, 'base');
    git(dir, 'checkout', '-q', '-b', 'pr');
    writeFileSync(join(dir, 'logo.png'), binary);
    git(dir, 'add', 'logo.png');
    git(dir, 'commit', '-q', '-m', 'logo');
    const text = runHushProcess(gate, dir);
    expect(text.stdout).toMatch(/skipped 1 binary file.*logo\.png/);
    const json = JSON.parse(runHushProcess([...gate, '-f', 'json'], dir).stdout) as { skipped: Array<{ path: string; reason: string }> };
    expect(json.skipped).toContainEqual(expect.objectContaining({ path: 'logo.png', reason: 'binary' }));
    runHushProcess([...gate, '--format', 'sarif', '-o', 'out.sarif'], dir);
    const notes = readSarif(join(dir, 'out.sarif')).runs[0].invocations![0].toolExecutionNotifications!;
    expect(notes).toContainEqual(expect.objectContaining({ level: 'note', message: { text: expect.stringContaining('logo.png: binary') } }));
    runHushProcess([...gate, '--format', 'html', '-o', 'out.html'], dir);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toMatch(/logo\.png: binary/);
  });
});
