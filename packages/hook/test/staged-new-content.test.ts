// The hook judges only content that is new: lines no committed version of the file has (HEAD's,
// a rename's source, and during a merge the merged branch's). Real git, real commits, the real CLI.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, write } from '../../../test-support/git.js';
import { hushBin } from '../../../test-support/helpers.js';
import { TOKEN, gitRun, hookRepos, hush, tryCommit } from './hook-helpers.js';

const { repo } = hookRepos();
const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');

describe('staged content, by content not by diff text', () => {
  it('an added line starting with "++ " does not hide a secret in a later hunk of the same file', () => {
    const dir = repo({ 'notes.txt': lines(12, (i) => `line ${i}`) });
    hush(dir, 'hook', 'install');
    // In a -U0 patch this line reads "+++ note", the shape of a file header.
    const edited = lines(12, (i) => (i === 2 ? '++ note' : i === 10 ? `GITHUB_TOKEN=${TOKEN}` : `line ${i}`));
    write(dir, 'notes.txt', edited);
    git(dir, 'add', 'notes.txt');
    const blocked = tryCommit(dir, 'sneaky');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('notes.txt:10:');
    expect(blocked.stderr).not.toContain(TOKEN);
  });

  it('a file name with a space: a committed secret on an unchanged line does not block, a new one does', () => {
    const dir = repo({ 'my file.py': `TOKEN = "${TOKEN}"\n${lines(8, (i) => `x${i} = ${i}`)}` });
    hush(dir, 'hook', 'install');
    write(dir, 'my file.py', `TOKEN = "${TOKEN}"\n${lines(8, (i) => `x${i} = ${i === 6 ? 'changed' : i}`)}`);
    git(dir, 'add', 'my file.py');
    expect(tryCommit(dir, 'edit line 7').code).toBe(0);
    write(dir, 'my file.py', `TOKEN = "${TOKEN}"\n${lines(8, (i) => `x${i} = ${i}`)}OTHER = "${TOKEN}"\n`);
    git(dir, 'add', 'my file.py');
    const blocked = tryCommit(dir, 'add a token');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('my file.py:10:');
    expect(blocked.stderr).not.toContain('my file.py:1:');
  });

  it('line endings and UTF-16 are compared the way the scanner numbers lines', () => {
    const crlf = (n: number, change?: number) =>
      Array.from({ length: n }, (_, i) => (i === 0 ? `GITHUB_TOKEN=${TOKEN}` : `k${i}=${i === change ? 'changed' : i}`)).join('\r\n') + '\r\n';
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const dir = repo({ 'win.env': crlf(6) });
    writeFileSync(join(dir, 'wide.env'), utf16(crlf(6)));
    git(dir, 'add', 'wide.env');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'utf-16 file');
    hush(dir, 'hook', 'install');
    write(dir, 'win.env', crlf(6, 4));
    writeFileSync(join(dir, 'wide.env'), utf16(crlf(6, 3)));
    git(dir, 'add', 'win.env', 'wide.env');
    const passed = tryCommit(dir, 'edit other lines');
    expect(passed.stderr).toBe('');
    expect(passed.code).toBe(0);
    writeFileSync(join(dir, 'wide.env'), utf16(`${crlf(6, 3)}NEW_TOKEN=${TOKEN}\r\n`));
    git(dir, 'add', 'wide.env');
    const blocked = tryCommit(dir, 'new secret line');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('wide.env:7:');
    expect(blocked.stderr).not.toContain('wide.env:1:');
  });

  it('a pure git mv of a committed secret passes; a secret added to the moved file is blocked', () => {
    const dir = repo({ 'old.env': `GITHUB_TOKEN=${TOKEN}\nA=1\nB=2\nC=3\n` });
    hush(dir, 'hook', 'install');
    git(dir, 'mv', 'old.env', 'new.env');
    expect(hush(dir, 'staged')).toMatch(/no secrets/);
    const moved = tryCommit(dir, 'rename');
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    write(dir, 'new.env', `GITHUB_TOKEN=${TOKEN}\nA=1\nB=2\nC=3\nOTHER=${TOKEN}\n`);
    git(dir, 'mv', 'new.env', 'newer.env');
    git(dir, 'add', 'newer.env');
    const blocked = tryCommit(dir, 'rename and add');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('newer.env:5:');
    expect(blocked.stderr).not.toContain('newer.env:1:');
  });

  it('a conflicted merge: the other branch’s committed secret does not block, a secret added while resolving does, with merge advice', () => {
    const settings = lines(8, (i) => `K${i}=${i}`);
    const dir = repo({ 'conflict.txt': 'base\n', 'settings.env': settings });
    git(dir, 'checkout', '-q', '-b', 'feature');
    commit(
      dir,
      { 'conflict.txt': 'feature side\n', 'leak.env': `GITHUB_TOKEN=${TOKEN}\n`, 'settings.env': `${settings}GITHUB_TOKEN=${TOKEN}\n` },
      'feature (no hook yet)',
    );
    git(dir, 'checkout', '-q', 'main');
    // settings.env merges cleanly into a version neither parent has; its secret line is feature's.
    commit(dir, { 'conflict.txt': 'main side\n', 'settings.env': settings.replace('K1=1', 'K1=one') }, 'main');
    hush(dir, 'hook', 'install');
    const merge = gitRun(dir, 'merge', '--no-ff', '-m', 'merge feature', 'feature');
    expect(merge.code).not.toBe(0);
    expect(merge.output).toContain('CONFLICT');
    // A resolution that adds a new secret: blocked, and no advice to unstage mid-merge.
    write(dir, 'conflict.txt', `main side\nfeature side\nNEW=${TOKEN}\n`);
    git(dir, 'add', 'conflict.txt');
    const blocked = tryCommit(dir, 'merge feature');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('adds 1 secret');
    expect(blocked.stderr).toContain('conflict.txt:3:');
    // What feature already committed is named in a note, not counted as added.
    const [judgedPart, note] = blocked.stderr.split('hush: note: ');
    expect(judgedPart).not.toContain('leak.env');
    expect(judgedPart).not.toContain('settings.env');
    expect(note).toMatch(/^this merge brings 2 secrets already committed on the merged branch \(not blocking/);
    expect(note).toContain('leak.env:1:');
    expect(note).toContain('settings.env:9:');
    expect(blocked.stderr).not.toContain('git restore --staged');
    expect(blocked.stderr).toContain('git merge --abort');
    // A clean resolution: the secrets already committed on feature do not block the merge commit.
    write(dir, 'conflict.txt', 'main side\nfeature side\n');
    git(dir, 'add', 'conflict.txt');
    const resolved = tryCommit(dir, 'merge feature');
    expect(resolved.code).toBe(0);
    expect(resolved.stderr).toContain('hush: note: this merge brings 2 secrets already committed');
    expect(resolved.stderr).not.toContain('blocked');
    expect(resolved.stderr).not.toContain(TOKEN);
    expect(git(dir, 'rev-list', '--parents', '-n1', 'HEAD').split(' ')).toHaveLength(3);
    expect(git(dir, 'show', 'HEAD:settings.env')).toContain('K1=one');
  });

  it('git merge --no-ff runs the hook (pre-merge-commit): the merged branch’s committed secrets are named, not counted as added', () => {
    const dir = repo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    commit(dir, { 'leak.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'feature (no hook yet)');
    git(dir, 'checkout', '-q', 'main');
    commit(dir, { 'other.txt': 'x\n' }, 'main');
    hush(dir, 'hook', 'install');
    // git names the merged commit to pre-merge-commit only in its environment (GITHEAD_<id>); MERGE_HEAD comes later.
    const merge = gitRun(dir, 'merge', '--no-ff', '-m', 'merge feature', 'feature');
    expect(merge.code).toBe(0);
    expect(merge.stderr).toContain('hush: note: this merge brings 1 secret already committed on the merged branch');
    expect(merge.stderr).toContain('leak.env:1:');
    expect(merge.stderr).not.toContain('blocked');
    expect(merge.stderr).not.toContain(TOKEN);
    expect(git(dir, 'rev-list', '--parents', '-n1', 'HEAD').split(' ')).toHaveLength(3);
    // A clean branch merges without a word.
    git(dir, 'checkout', '-q', '-b', 'clean', 'main');
    commit(dir, { 'clean.txt': 'ok\n' }, 'clean');
    git(dir, 'checkout', '-q', 'main');
    const clean = gitRun(dir, 'merge', '--no-ff', '-m', 'merge clean', 'clean');
    expect(clean.code).toBe(0);
    expect(clean.stderr).not.toContain('hush');
    expect(git(dir, 'rev-list', '--parents', '-n1', 'HEAD').split(' ')).toHaveLength(3);
  });

  it('a hand-written pre-merge-commit hook running `hush hook run` judges the merge the same way', () => {
    const dir = repo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    commit(dir, { 'leak.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'feature');
    git(dir, 'checkout', '-q', 'main');
    commit(dir, { 'other.txt': 'x\n' }, 'main');
    write(dir, '.git/hooks/pre-merge-commit', `#!/bin/sh\nexec '${hushBin}' hook run\n`);
    chmodSync(join(dir, '.git/hooks/pre-merge-commit'), 0o755);
    const merge = gitRun(dir, 'merge', '--no-ff', '-m', 'merge feature', 'feature');
    expect(merge.code).toBe(0);
    expect(merge.stderr).toContain('this merge brings 1 secret already committed on the merged branch');
    expect(merge.stderr).not.toContain('git restore --staged');
  });

  it('says which staged files were not scanned (too large, NUL byte) and allows the commit by default', () => {
    const dir = repo();
    hush(dir, 'hook', 'install');
    writeFileSync(join(dir, 'big.env'), `GITHUB_TOKEN=${TOKEN}\n${'x'.repeat(11 * 1024 * 1024)}\n`);
    writeFileSync(join(dir, 'blob.bin'), Buffer.concat([Buffer.from(`GITHUB_TOKEN=${TOKEN}\n`), Buffer.from([0, 1, 2])]));
    git(dir, 'add', 'big.env', 'blob.bin');
    const allowed = tryCommit(dir, 'unscannable');
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('2 staged files were not scanned');
    expect(allowed.stderr).toMatch(/big\.env\s+too-large/);
    expect(allowed.stderr).toMatch(/blob\.bin\s+binary \(contains a NUL byte\)/);
    expect(allowed.stderr).toContain('blockOnSkipped');
    expect(allowed.stderr).not.toContain(TOKEN);
  });

  it('"hook": {"blockOnSkipped": true} blocks such a commit; a wrong value is a config error', () => {
    const dir = repo({ '.hush.json': '{"hook": {"blockOnSkipped": true}}\n' });
    hush(dir, 'hook', 'install');
    writeFileSync(join(dir, 'blob.bin'), Buffer.concat([Buffer.from(`GITHUB_TOKEN=${TOKEN}\n`), Buffer.from([0, 1, 2])]));
    git(dir, 'add', 'blob.bin');
    const blocked = tryCommit(dir, 'unscannable');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('1 staged file was not scanned');
    expect(blocked.stderr).toContain('the commit is blocked');
    git(dir, 'rm', '-q', '--cached', 'blob.bin');
    write(dir, '.hush.json', '{"hook": {"blockOnSkipped": "yes"}}\n');
    git(dir, 'add', '.hush.json');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'bad config');
    const bad = gitRun(dir, 'commit', '-q', '--allow-empty', '-m', 'x');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/hook\/blockOnSkipped|hook\.blockOnSkipped|blockOnSkipped/);
  });
});
