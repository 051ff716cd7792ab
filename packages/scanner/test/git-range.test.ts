// The git-range source on real repositories: which commits a set of tips adds (none that an existing
// ref reaches), and for each file the parents' versions it is compared with.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { equivalentCommits, walkAddedCommits } from '../src/sources/git-range.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function repo(): { dir: string; git: (...args: string[]) => string; commit: (files: Record<string, string | null>, message: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'hush-range-'));
  dirs.push(dir);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  const commit = (files: Record<string, string | null>, message: string) => {
    for (const [path, content] of Object.entries(files)) {
      if (content === null) git('rm', '-q', path);
      else {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
        git('add', path);
      }
    }
    git('commit', '-q', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  return { dir, git, commit };
}

describe('walkAddedCommits', () => {
  it('lists only commits no ref reaches, with each changed file and its parent version', async () => {
    const { dir, git, commit } = repo();
    commit({ 'a.txt': 'one\n', 'old.txt': 'old\n' }, 'base');
    const oldBlob = git('rev-parse', 'HEAD:a.txt');
    // New commits on a detached HEAD, which is then left.
    git('checkout', '-q', '--detach');
    const c1 = commit({ 'a.txt': 'one\ntwo\n', 'new.txt': 'new\n', 'old.txt': null }, 'edit, add, delete');
    const c2 = commit({ 'ünï cödé.txt': 'x\n' }, 'a non-ASCII name');
    // HEAD counts as a ref (`--all`): back on main, nothing reaches the new commits.
    git('checkout', '-q', 'main');
    const walk = await walkAddedCommits(dir, [c2]);
    expect(walk.complete).toBe(true);
    expect(walk.commits).toBe(2);
    expect(walk.files.map((f) => [f.commit.sha, f.path, f.bases])).toEqual([
      [c1, 'a.txt', [oldBlob]],
      [c1, 'new.txt', []],
      [c2, 'ünï cödé.txt', []],
    ]);
    expect(walk.files[0].oid).toBe(git('rev-parse', `${c1}:a.txt`));
  });

  it('compares a rename with its source, skips links, and sees nothing of what main already has', async () => {
    const { dir, git, commit } = repo();
    commit({ 'config/settings.env': 'A=1\nB=2\n' }, 'base');
    const source = git('rev-parse', 'HEAD:config/settings.env');
    git('checkout', '-q', '-b', 'topic');
    git('mv', 'config/settings.env', 'config/renamed.env');
    symlinkSync('/etc/passwd', join(dir, 'link'));
    git('add', 'link');
    const tip = commit({}, 'rename and link');
    const walk = await walkAddedCommits(dir, [tip]);
    // The topic ref reaches it, so it is not new …
    expect(walk.commits).toBe(0);
    git('checkout', '-q', 'main');
    git('branch', '-q', '-D', 'topic');
    // … and once no ref does, the renamed file is compared with its source; the link is not content.
    const again = await walkAddedCommits(dir, [tip]);
    expect(again.files.map((f) => [f.path, f.bases])).toEqual([['config/renamed.env', [source]]]);
  });

  it('judges a merge only on paths that differ from every parent, against each parent', async () => {
    const { dir, git, commit } = repo();
    commit({ 'shared.txt': '1\n2\n', 'side.txt': 's\n' }, 'base');
    git('checkout', '-q', '-b', 'other');
    commit({ 'shared.txt': 'other\n2\n', 'only-other.txt': 'o\n' }, 'other side');
    const otherBlob = git('rev-parse', 'HEAD:shared.txt');
    git('checkout', '-q', 'main');
    commit({ 'shared.txt': 'main\n2\n' }, 'main side');
    const mainBlob = git('rev-parse', 'HEAD:shared.txt');
    try {
      git('merge', '-q', '--no-edit', 'other');
    } catch {
      /* the conflict is resolved below */
    }
    writeFileSync(join(dir, 'shared.txt'), 'resolved\n2\n');
    git('add', 'shared.txt');
    git('commit', '-q', '--no-edit');
    const merge = git('rev-parse', 'HEAD');
    // Both parents stay on refs; the merge itself on none.
    git('branch', '-q', '-f', 'other', `${merge}^2`);
    git('reset', '-q', '--hard', 'HEAD~1');
    const walk = await walkAddedCommits(dir, [merge]);
    // only-other.txt comes unchanged from one parent: it adds nothing.
    expect(walk.files.map((f) => [f.path, f.bases])).toEqual([['shared.txt', [mainBlob, otherBlob]]]);
  });

  it('stops at a deadline already past and says it is incomplete', async () => {
    const { dir, git, commit } = repo();
    commit({ 'a.txt': 'a\n' }, 'base');
    git('checkout', '-q', '--detach');
    const tip = commit({ 'b.txt': 'b\n' }, 'b');
    git('checkout', '-q', 'main');
    const walk = await walkAddedCommits(dir, [tip], performance.now() - 1);
    expect(walk.complete).toBe(false);
  });
});

describe('equivalentCommits', () => {
  it('recognises commits a rebase rewrote, and nothing of a fast-forward', () => {
    const { dir, git, commit } = repo();
    commit({ 'a.txt': 'a\n' }, 'base');
    commit({ 'b.txt': 'b\n' }, 'b');
    commit({ 'c.txt': 'c\n' }, 'c');
    const before = git('rev-parse', 'HEAD');
    // Another committer date, so the rewritten commits get new ids even within the same second.
    execFileSync('git', ['rebase', '-q', '--force-rebase', 'HEAD~2'], { cwd: dir, env: { ...ENV, GIT_COMMITTER_DATE: '2030-01-01T00:00:00Z' } });
    const after = git('rev-parse', 'HEAD');
    expect(after).not.toBe(before);
    expect(equivalentCommits(dir, before, after)).toEqual(new Set([after, git('rev-parse', 'HEAD~1')]));
    const next = commit({ 'd.txt': 'd\n' }, 'd');
    expect(equivalentCommits(dir, after, next).size).toBe(0);
  });
});
