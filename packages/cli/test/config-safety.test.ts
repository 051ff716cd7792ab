// .hush.json and baselines from a repository we did not write: no link out of it is followed, no
// file is written through a link, and no config error quotes what the file holds.
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from './git-helpers.js';
import { perTestTemp, runHush } from './helpers.js';

const TOKEN = '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';
const temp = perTestTemp();

function project(files: Record<string, string> = {}): string {
  const dir = initRepo(temp.dir('hush-safe-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** A file outside every repository under test, with content that must never be printed. */
function outsideFile(content = 'OUTSIDE-CONTENT-do-not-print\n'): string {
  const path = join(temp.dir('hush-outside-'), 'target.json');
  writeFileSync(path, content);
  return path;
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  return lines[0];
}

describe('symlinked config and baseline files', () => {
  it('a .hush.json linked to a file outside the repository is refused with one line that quotes nothing of it', async () => {
    for (const target of [outsideFile(), '/etc/passwd']) {
      const dir = project({ 'a.txt': 'x\n' });
      symlinkSync(target, join(dir, '.hush.json'));
      for (const args of [
        ['scan', dir],
        ['audit', dir, '--no-cache'],
        ['scan', dir, '--debug'],
      ]) {
        const run = await runHush(args);
        expect(run.code, args.join(' ')).toBe(2);
        if (!args.includes('--debug')) expect(oneLine(run.stderr)).toMatch(/\.hush\.json: the config is a symlink to somewhere outside the repository/);
        expect(run.stderr).not.toContain('OUTSIDE');
        expect(run.stderr).not.toContain('root:');
        expect(run.stderr).not.toContain(target);
      }
    }
  });

  it('a .hush.json linked to a file inside the repository is read', async () => {
    const dir = project({ 'config/hush.json': JSON.stringify({ allow: { paths: ['keys/**'] } }), 'keys/a.env': `GITHUB_TOKEN=${TOKEN}\n` });
    symlinkSync('config/hush.json', join(dir, '.hush.json'));
    const run = await runHush(['scan', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('outside any repository, a --config the user names through a link is read', async () => {
    const shared = temp.dir('hush-policy-');
    writeFileSync(join(shared, 'policy.json'), JSON.stringify({ allow: { paths: ['keys/**'] } }));
    const etc = temp.dir('hush-etc-');
    symlinkSync(join(shared, 'policy.json'), join(etc, 'hush.json'));
    const dir = temp.dir('hush-plain-');
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'keys/a.env'), `GITHUB_TOKEN=${TOKEN}\n`);
    writeFileSync(join(dir, 'README.md'), '# plain\n');
    const run = await runHush(['scan', dir, '--config', join(etc, 'hush.json')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('hush baseline never writes through a .hush-baseline.json linked out of the repository', async () => {
    const target = outsideFile('{"version": 1, "entries": []}\n');
    const before = readFileSync(target, 'utf8');
    const dir = project({ 'a.env': `GITHUB_TOKEN=${TOKEN}\n` });
    symlinkSync(target, join(dir, '.hush-baseline.json'));
    for (const args of [
      ['baseline', dir],
      ['baseline', dir, '--prune'],
      ['baseline', dir, '--history'],
      ['scan', dir],
    ]) {
      const run = await runHush(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(oneLine(run.stderr)).toMatch(/\.hush-baseline\.json: the baseline is a symlink to somewhere outside the repository/);
      expect(readFileSync(target, 'utf8')).toBe(before);
    }
  });

  it('hush baseline replaces the file (temp file + rename), so a hard link to an outside file is left alone', async () => {
    const target = outsideFile('{"version": 1, "entries": []}\n');
    const dir = project({ 'a.env': `GITHUB_TOKEN=${TOKEN}\n` });
    linkSync(target, join(dir, '.hush-baseline.json'));
    const run = await runHush(['baseline', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('{"version": 1, "entries": []}\n');
    expect(JSON.parse(readFileSync(join(dir, '.hush-baseline.json'), 'utf8')).entries).toHaveLength(1);
  });

  it('the audit cache is written to a new temp file and renamed, never through a link', async () => {
    const target = outsideFile('keep me\n');
    const dir = project();
    commit(dir, { 'a.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'one');
    mkdirSync(join(dir, '.git/hush'), { recursive: true });
    // Both the cache and the temp name a fixed-name writer would use point outside.
    symlinkSync(target, join(dir, '.git/hush/audit-cache.json'));
    symlinkSync(target, join(dir, '.git/hush/audit-cache.json.tmp'));
    const run = await runHush(['audit', dir]);
    expect(run.code, run.stderr).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
  });
});

describe('report files', () => {
  it('-o replaces a link planted at the report name (the Action writes hush.sarif inside the checkout)', async () => {
    const target = outsideFile('keep me\n');
    const dir = project({ 'a.env': `GITHUB_TOKEN=${TOKEN}\n` });
    symlinkSync(target, join(dir, 'hush.sarif'));
    const run = await runHush(['scan', '.', '-f', 'sarif', '-o', join(dir, 'hush.sarif')], dir);
    expect(run.code, run.stderr).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
    expect(JSON.parse(readFileSync(join(dir, 'hush.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('-o to a device is still written to', async () => {
    const dir = project({ 'a.txt': 'x\n' });
    const run = await runHush(['scan', '.', '-o', '/dev/null'], dir);
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('explicit paths and globs through a symlinked directory', () => {
  it('hush scan cfg/* with cfg linked outside the root scans nothing outside', async () => {
    const outside = temp.dir('hush-outside-');
    writeFileSync(join(outside, 'prod.env'), `GITHUB_TOKEN=${TOKEN}\n`);
    mkdirSync(join(outside, 'sub'));
    writeFileSync(join(outside, 'sub/more.env'), `GITHUB_TOKEN=${TOKEN}\n`);
    const dir = project({ 'inside.txt': 'clean\n' });
    symlinkSync(outside, join(dir, 'cfg'));
    for (const target of ['cfg/*', 'cfg/**', 'cfg/prod.env', 'cfg/sub', 'cfg']) {
      const run = await runHush(['scan', target, '-f', 'json'], dir);
      expect(run.stdout, target).not.toContain('ghp_');
      const report = JSON.parse(run.stdout);
      expect(report.findings, target).toEqual([]);
      expect(
        report.skipped.map((s: { reason: string }) => s.reason),
        target,
      ).toContain('symlink-outside-root');
    }
    // The same files inside the root are still found.
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real/prod.env'), `GITHUB_TOKEN=${TOKEN}\n`);
    const inside = await runHush(['scan', 'real/*', '-f', 'json'], dir);
    expect(JSON.parse(inside.stdout).findings).toHaveLength(1);
  });
});

describe('fileTimeoutMs', () => {
  it('above 60000 is rejected with exit 2 and one line; 60000 is accepted', async () => {
    for (const value of [2147483647, 60001]) {
      const dir = project({ '.hush.json': JSON.stringify({ fileTimeoutMs: value }), 'a.txt': 'x\n' });
      const run = await runHush(['scan', dir]);
      expect(run.code).toBe(2);
      expect(oneLine(run.stderr)).toMatch(/\.hush\.json: fileTimeoutMs must be <= 60000/);
    }
    const ok = project({ '.hush.json': JSON.stringify({ fileTimeoutMs: 60000 }), 'a.txt': 'x\n' });
    expect((await runHush(['scan', ok])).code).toBe(0);
  });
});

describe('config errors never quote a value', () => {
  const SECRETISH = 'ghp_pastedInTheWrongPlace0123456789abcd';

  it('names the key and the problem, with and without --debug', async () => {
    const cases: Array<[string, RegExp]> = [
      [JSON.stringify({ disable: ['generic.jwt', SECRETISH] }), /\.hush\.json: disable: entry #2 is not the id of any rule/],
      [
        JSON.stringify({ allow: { paths: ['x'], [SECRETISH]: true } }),
        /\.hush\.json: allow: key #2 is not a known setting \(expected paths, secrets, stopwords\)/,
      ],
      [
        JSON.stringify({ disable: [], maxFileSize: 10, [SECRETISH]: 1 }),
        /\.hush\.json: top-level key #3 is not a known setting \(expected rules, disable, allow/,
      ],
      [`{"allow": {"secrets": [${SECRETISH}]}}`, /\.hush\.json: invalid JSON at line 1, column 24$/],
      [`{\n  "disable": [\n    "x",\n    ${SECRETISH}\n  ]\n}`, /\.hush\.json: invalid JSON at line 4, column 5$/],
      [`{"disable": ["${SECRETISH}"`, /\.hush\.json: invalid JSON at the end of the file$/],
    ];
    for (const [text, message] of cases) {
      const dir = project({ '.hush.json': text, 'a.txt': 'x\n' });
      const run = await runHush(['scan', dir]);
      expect(run.code, text).toBe(2);
      expect(oneLine(run.stderr), text).toMatch(message);
      expect(run.stderr).not.toContain('ghp_');
      expect(run.stderr).not.toContain('pastedInTheWrongPlace');
      const debug = await runHush(['scan', dir, '--debug']);
      expect(debug.code).toBe(2);
      expect(debug.stderr, text).not.toContain('pastedInTheWrongPlace');
    }
  });

  it('an unknown top-level key names its position, never an empty key', async () => {
    const dir = project({ '.hush.json': JSON.stringify({ unknownKey: true }), 'a.txt': 'x\n' });
    const run = await runHush(['scan', dir]);
    expect(run.code).toBe(2);
    const line = oneLine(run.stderr);
    expect(line).toMatch(/top-level key #1 is not a known setting/);
    expect(line).not.toMatch(/:\s+has unknown key/);
  });

  it('a misspelt key of hush’s own is named with the nearest known one; its value is not shown (issue 22)', async () => {
    const cases: Array<[object, RegExp]> = [
      [{ allwo: { paths: ['vendor/keep-this-value'] } }, /\.hush\.json: top-level key #1 \(allwo\) is not a known setting; did you mean allow\?$/],
      [{ disable: [], maxFileSise: 100 }, /top-level key #2 \(maxFileSise\) is not a known setting; did you mean maxFileSize\?$/],
      [{ allow: { pahts: ['vendor/keep-this-value'] } }, /\.hush\.json: allow: key #1 \(pahts\) is not a known setting; did you mean paths\?$/],
    ];
    for (const [config, message] of cases) {
      const dir = project({ '.hush.json': JSON.stringify(config), 'a.txt': 'x\n' });
      const run = await runHush(['scan', dir]);
      expect(run.code).toBe(2);
      expect(oneLine(run.stderr)).toMatch(message);
      expect(run.stderr).not.toContain('keep-this-value');
    }
  });

  it('a range audit names the base revision’s config in its errors', async () => {
    const dir = project();
    commit(dir, { '.hush.json': `{"disable": [${SECRETISH}]}` }, 'broken config');
    git(dir, 'checkout', '-q', '-b', 'pr');
    commit(dir, { 'a.txt': 'x\n' }, 'change');
    const run = await runHush(['audit', dir, '--no-cache', '--range', 'main..pr']);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(/\.hush\.json at [0-9a-f]{12}: invalid JSON at line 1, column 14/);
    expect(run.stderr).not.toContain('ghp_');
    expect(existsSync(join(dir, '.hush.json'))).toBe(true);
  });
});
