// Files hush writes on request (issue 21, items 4 and 8): a report named with -o is written where the
// user named it, never through a directory the repository committed as a link; the purge plan
// (raw secrets) is refused in every work tree of the repository, linked ones included, and through
// a committed link; and a walk outside any repository says how many paths .gitignore passed over.
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from '../../../test-support/git.js';
import { perTestTemp, runHushProcess } from '../../../test-support/helpers.js';

const TOKEN = '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';
const temp = perTestTemp();

function repoWithSecret(): string {
  const dir = initRepo(temp.dir('hush-out-'));
  commit(dir, { 'app.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'token');
  return dir;
}

describe('-o through a committed link', () => {
  it('-o reports/hush.sarif with reports a committed link: exit 2, one line, the outside file unchanged', () => {
    const dir = repoWithSecret();
    const outside = temp.dir('hush-out-target-');
    writeFileSync(join(outside, 'hush.sarif'), 'precious\n');
    symlinkSync(outside, join(dir, 'reports'));
    git(dir, 'add', 'reports');
    commit(dir, {}, 'reports link');
    for (const args of [
      ['audit', '.', '--format', 'sarif', '-o', 'reports/hush.sarif'],
      ['scan', '.', '--format', 'json', '-o', 'reports/hush.sarif'],
    ]) {
      const run = runHushProcess(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/reports is a symlink inside a repository; hush does not write through it/);
      expect(readFileSync(join(outside, 'hush.sarif'), 'utf8')).toBe('precious\n');
      expect(readdirSync(outside)).toEqual(['hush.sarif']);
    }
    // A real directory is written as before.
    const ok = runHushProcess(['audit', '.', '--format', 'sarif', '-o', 'hush.sarif'], dir);
    expect(ok.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'hush.sarif'), 'utf8')).runs[0].results).toHaveLength(1);
  });
});

describe('purge-plan', () => {
  it('refuses every work tree of the repository: from a linked worktree into the main one, and the reverse', () => {
    const dir = repoWithSecret();
    const linked = join(temp.dir('hush-wt-parent-'), 'linked');
    git(dir, 'worktree', 'add', '-q', '-b', 'side', linked);
    for (const [from, target] of [
      [linked, join(dir, 'plan.txt')],
      [dir, join(linked, 'plan.txt')],
    ]) {
      const run = runHushProcess(['purge-plan', from, '-o', target]);
      expect(run.code, target).toBe(2);
      expect(run.stderr).toMatch(/refusing to write the purge plan inside the repository/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(target)).toBe(false);
    }
    const outside = join(temp.dir('hush-plan-ok-'), 'plan.txt');
    expect(runHushProcess(['purge-plan', linked, '-o', outside]).code).toBe(0);
    expect(readFileSync(outside, 'utf8')).toContain(TOKEN);
  });

  it('refuses a path through a link the repository holds, even one that leads outside it', () => {
    const dir = repoWithSecret();
    const outside = temp.dir('hush-plan-link-');
    symlinkSync(outside, join(dir, 'out'));
    const run = runHushProcess(['purge-plan', dir, '-o', join(dir, 'out', 'plan.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('a walk outside any repository', () => {
  it('says how many files and directories .gitignore rules passed over', () => {
    const dir = temp.dir('hush-plain-');
    write(dir, '.gitignore', 'prod.env\nbuild/\n');
    write(dir, 'prod.env', `GITHUB_TOKEN=${TOKEN}\n`);
    write(dir, 'build/out.env', `GITHUB_TOKEN=${TOKEN}\n`);
    write(dir, 'README.md', '# r\n');
    const text = runHushProcess(['scan', '.'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout + text.stderr).toMatch(/\.gitignore rules passed over 1 file and 1 directory \(not scanned; name them as targets to scan them\)/);
    const json = JSON.parse(runHushProcess(['scan', '.', '--format', 'json'], dir).stdout);
    expect(json.warnings).toEqual(['.gitignore rules passed over 1 file and 1 directory (not scanned; name them as targets to scan them)']);
    expect(runHushProcess(['scan', 'prod.env'], dir).code).toBe(1);
  });
});
