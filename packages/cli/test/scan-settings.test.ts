// The settings of `.hush.json` mean the same in every scan: the working tree (`scan`), the index
// (`staged`, the pre-commit hook) and history (`audit`) share one reading of allow.paths and the
// size cap.
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from '../../../test-support/git.js';
import { perTestTemp, runHushProcess } from '../../../test-support/helpers.js';

const temp = perTestTemp();
const TOKEN = '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';

describe('one reading of the settings for every scan', () => {
  it('allow.paths: a directory name and a basename glob cover the same files in scan, staged and audit', () => {
    const dir = initRepo(temp.dir());
    commit(dir, { '.hush.json': JSON.stringify({ allow: { paths: ['fixtures', '*.sample'] } }), 'README.md': '# r\n' }, 'init');
    write(dir, 'fixtures/deep/token.txt', `token = ${TOKEN}\n`);
    write(dir, 'config/app.sample', `token = ${TOKEN}\n`);
    git(dir, 'add', '.');
    expect(runHushProcess(['scan', '.'], dir).code).toBe(0);
    const staged = runHushProcess(['staged'], dir);
    expect(staged.stdout + staged.stderr).not.toContain('github');
    expect(staged.code).toBe(0);
    git(dir, 'commit', '-q', '-m', 'fixtures');
    expect(runHushProcess(['audit', '.', '--no-cache'], dir).code).toBe(0);
    // Outside the allow-list the same secret is found by all three.
    write(dir, 'src/token.txt', `token = ${TOKEN}\n`);
    git(dir, 'add', '.');
    expect(runHushProcess(['scan', '.'], dir).code).toBe(1);
    expect(runHushProcess(['staged'], dir).code).toBe(1);
  });

  it('maxFileSize: a file over the cap is skipped with a note in scan, staged and audit alike', () => {
    const dir = initRepo(temp.dir());
    commit(dir, { '.hush.json': JSON.stringify({ maxFileSize: 100 }), 'README.md': '# r\n' }, 'init');
    write(dir, 'big.txt', `token = ${TOKEN}\n${'x'.repeat(200)}\n`);
    git(dir, 'add', '.');
    for (const args of [
      ['scan', '.', '--format', 'json'],
      ['staged', '--format', 'json'],
    ]) {
      const run = runHushProcess(args, dir);
      expect(JSON.parse(run.stdout).skipped, args.join(' ')).toEqual([expect.objectContaining({ path: 'big.txt', reason: 'too-large' })]);
    }
    git(dir, 'commit', '-q', '-m', 'big');
    const audit = JSON.parse(runHushProcess(['audit', '.', '--no-cache', '--format', 'json'], dir).stdout);
    expect(audit.skipped).toEqual([expect.objectContaining({ path: 'big.txt', reason: 'too-large' })]);
  });
});
