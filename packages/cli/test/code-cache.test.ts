// The bundle's start-up cache (scripts/bundle-entry.cjs): V8's code cache for the CLI's code. The hook
// path and the scan find the same with and without it, a cache of other code is never used, and the
// cache holds code only (the rules are read afresh each run, so another rules version is never stale).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, initRepo, write } from '../../../test-support/git.js';
import { perTestTemp, repoRoot } from '../../../test-support/helpers.js';

const temp = perTestTemp();
const TOKEN = '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';
const AWS = 'aws_access_key_id = AKIAQYLPMN5HHHFPZAM2\naws_secret_access_key = 9drTJvcXLB89EXAMPLELB8923FB892xMFI\n';

interface Setup {
  bundle: string;
  cache: string;
  repo: string;
}

/** A copy of the committed bundle (so its files can be changed), an empty cache dir and a repo with staged secrets. */
function setup(): Setup {
  const bundle = join(temp.dir('hush-bundle-'), 'bundle');
  cpSync(join(repoRoot, 'bundle'), bundle, { recursive: true });
  const cache = temp.dir('hush-cache-');
  const repo = initRepo(temp.dir('hush-repo-'));
  write(repo, 'src/config.ts', `export const token = "${TOKEN}";\n`);
  write(repo, 'deploy/credentials', `[default]\n${AWS}`);
  git(repo, 'add', '.');
  return { bundle, cache, repo };
}

/** Findings of `hush <args> --format json` from the copy, with the cache on or off. */
function findings({ bundle, cache, repo }: Setup, args: string[], cached: boolean, entry = 'bin/hush.cjs'): unknown[] {
  const run = spawnSync(process.execPath, [join(bundle, entry), ...args, '--format', 'json'], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, HUSH_CACHE_DIR: cache, HUSH_CODE_CACHE: cached ? '1' : '0' },
  });
  expect(run.stderr).not.toMatch(/Error|at .*\.js:\d+/);
  expect(run.status, run.stderr).toBe(1);
  return (JSON.parse(run.stdout) as { findings: unknown[] }).findings;
}

const cacheFiles = (cache: string) => readdirSync(cache).filter((name) => name.endsWith('.bin'));

/** The staged scan's findings without the cache, then its one cache file, written by a cached run. */
function warmCache(s: Setup): { expected: unknown[]; path: string } {
  const expected = findings(s, ['staged'], false);
  findings(s, ['staged'], true);
  const [name] = cacheFiles(s.cache);
  return { expected, path: join(s.cache, name) };
}

describe('the start-up code cache', () => {
  it('gives the hook path and the scan the same findings without it, writing it once, then using it', () => {
    const s = setup();
    for (const args of [['staged'], ['scan', '.']]) {
      const uncached = findings(s, args, false);
      expect(uncached.length).toBeGreaterThanOrEqual(2);
      const before = new Set(cacheFiles(s.cache));
      // First run: no cache yet, written at the end.
      expect(findings(s, args, true)).toEqual(uncached);
      const written = cacheFiles(s.cache).filter((name) => !before.has(name));
      expect(written).toHaveLength(1);
      const path = join(s.cache, written[0]);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const first = statSync(path);
      // Second run: the cache is accepted (a rejected one would be written again).
      expect(findings(s, args, true)).toEqual(uncached);
      const second = statSync(path);
      expect([second.ino, second.mtimeMs, second.size]).toEqual([first.ino, first.mtimeMs, first.size]);
      // The entry's former name (hooks installed by earlier versions) runs the same code, with the same cache.
      expect(findings(s, args, true, 'bin/hush.mjs')).toEqual(uncached);
      expect(cacheFiles(s.cache).filter((name) => !before.has(name))).toEqual(written);
      expect(statSync(path).mtimeMs).toBe(first.mtimeMs);
    }
  });

  it('names cli.js by the SHA-256 the build wrote into the loader', () => {
    const loader = readFileSync(join(repoRoot, 'bundle/bin/hush.cjs'), 'utf8');
    const named = /const CLI_SHA256 = '([0-9a-f]{64})';/.exec(loader)?.[1];
    expect(named).toBe(
      createHash('sha256')
        .update(readFileSync(join(repoRoot, 'bundle/bin/cli.js')))
        .digest('hex'),
    );
  });

  it('never uses a cache of other code: a rebuilt cli.js gets a new cache, a corrupt one is replaced', () => {
    const s = setup();
    const cli = join(s.bundle, 'bin/cli.js');
    // One fixed modification time for both builds, as in the Nix store, reproducible builds or `cp -p`.
    const FIXED = 499162500;
    utimesSync(cli, FIXED, FIXED);
    const expected = findings(s, ['staged'], false);
    findings(s, ['staged'], true);
    const [old] = cacheFiles(s.cache);
    // Another build of the CLI: same length, other content, same modification time: a cache of its
    // own; the old build's is kept (another repository may pin that version).
    const source = readFileSync(cli, 'utf8');
    writeFileSync(cli, source.replace(/\n\}\)$/, ' })'));
    utimesSync(cli, FIXED, FIXED);
    expect(readFileSync(cli, 'utf8')).not.toBe(source);
    expect(statSync(cli).mtimeMs).toBe(FIXED * 1000);
    expect(findings(s, ['staged'], true)).toEqual(expected);
    const rebuilt = cacheFiles(s.cache).find((name) => name !== old)!;
    expect(rebuilt).toBeDefined();
    expect(cacheFiles(s.cache).sort()).toEqual([old, rebuilt].sort());
    // Garbage under the right name: V8 rejects it, the run compiles from source and replaces it.
    writeFileSync(join(s.cache, rebuilt), Buffer.alloc(4096, 7), { mode: 0o600 });
    expect(findings(s, ['staged'], true)).toEqual(expected);
    expect(readFileSync(join(s.cache, rebuilt)).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('reads no cache that others can write, and replaces it with one of its own', () => {
    const s = setup();
    const { expected, path } = warmCache(s);
    chmodSync(path, 0o666);
    expect(findings(s, ['staged'], true)).toEqual(expected);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('uses no cache directory that others can write, and never follows a link to a cache', () => {
    const s = setup();
    const { expected, path } = warmCache(s);
    const written = statSync(path);
    // A shared directory: the cache there is neither read nor replaced.
    chmodSync(s.cache, 0o777);
    expect(findings(s, ['staged'], true)).toEqual(expected);
    expect(statSync(path).mtimeMs).toBe(written.mtimeMs);
    chmodSync(s.cache, 0o700);
    // A link in place of the cache (to a file of the user's own): not read, replaced by a real file.
    const elsewhere = join(temp.dir('hush-elsewhere-'), 'data.bin');
    writeFileSync(elsewhere, readFileSync(path), { mode: 0o600 });
    unlinkSync(path);
    symlinkSync(elsewhere, path);
    expect(findings(s, ['staged'], true)).toEqual(expected);
    expect(lstatSync(path).isSymbolicLink()).toBe(false);
  });

  it('writes no cache from a run that failed', () => {
    const s = setup();
    const outside = temp.dir('hush-not-a-repo-');
    const run = spawnSync(process.execPath, [join(s.bundle, 'bin/hush.cjs'), 'staged'], {
      cwd: outside,
      encoding: 'utf8',
      env: { ...process.env, HUSH_CACHE_DIR: s.cache, GIT_CEILING_DIRECTORIES: dirname(outside) },
    });
    expect(run.status).toBe(2);
    expect(cacheFiles(s.cache)).toEqual([]);
  });

  it('holds code, not rules: another rules version takes effect with a warm cache', () => {
    const s = setup();
    const before = findings(s, ['staged'], true);
    expect(before).toContainEqual(expect.objectContaining({ ruleId: 'github.classic-pat' }));
    expect(cacheFiles(s.cache)).toHaveLength(1);
    const rulesFile = join(s.bundle, 'bin/builtin.json');
    const data = JSON.parse(readFileSync(rulesFile, 'utf8')) as { rules: Array<{ id: string }> };
    data.rules = data.rules.filter((rule) => !rule.id.startsWith('github.'));
    writeFileSync(rulesFile, JSON.stringify(data));
    const after = findings(s, ['staged'], true);
    expect(after).not.toContainEqual(expect.objectContaining({ ruleId: 'github.classic-pat' }));
    expect(after.length).toBeGreaterThan(0);
  });

  it('reads the playbooks only for a finding, and never those of another build', () => {
    const s = setup();
    const playbooks = join(s.bundle, 'bin/playbooks.json');
    const data = JSON.parse(readFileSync(playbooks, 'utf8')) as { version: string };
    writeFileSync(playbooks, JSON.stringify({ ...data, version: 'another-build' }));
    const run = (cwd: string) =>
      spawnSync(process.execPath, [join(s.bundle, 'bin/hush.cjs'), 'staged'], { cwd, encoding: 'utf8', env: { ...process.env, HUSH_CACHE_DIR: s.cache } });
    // A commit with nothing to report needs no guidance: the stale file is not even read.
    const clean = initRepo(temp.dir('hush-clean-'));
    write(clean, 'src/app.ts', 'export const answer = 42;\n');
    git(clean, 'add', '.');
    expect(run(clean).status).toBe(0);
    // Findings need their playbooks: another build's are refused in one line (exit 2), never shown.
    const blocked = run(s.repo);
    expect(blocked.status).toBe(2);
    expect(blocked.stderr.trim().split('\n')).toEqual([expect.stringMatching(/playbooks\.json \(another-build\) does not belong to builtin\.json/)]);
    expect(blocked.stdout).toBe('');
  });

  it('never writes where hush runs: a relative cache directory or an empty home means no cache', () => {
    const s = setup();
    const expected = findings(s, ['staged'], false);
    const before = readdirSync(s.repo).sort();
    for (const env of [{ HUSH_CACHE_DIR: 'cache' }, { HUSH_CACHE_DIR: '', XDG_CACHE_HOME: 'cache' }, { HUSH_CACHE_DIR: '', XDG_CACHE_HOME: '', HOME: '' }]) {
      const run = spawnSync(process.execPath, [join(s.bundle, 'bin/hush.mjs'), 'staged', '--format', 'json'], {
        cwd: s.repo,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
      expect(run.status, run.stderr).toBe(1);
      expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings).toEqual(expected);
      expect(readdirSync(s.repo).sort()).toEqual(before);
    }
  });

  it('is off with HUSH_CODE_CACHE=0 and writes nothing', () => {
    const s = setup();
    findings(s, ['scan', '.'], false);
    expect(existsSync(s.cache) ? cacheFiles(s.cache) : []).toEqual([]);
  });
});
