// The quick start's main job: build a small git repository from test-fixtures/sample-app (three
// commits; one secret is removed again, so it lives only in history) and audit its whole history.
// Exit 1 (findings) is the expected outcome, so only an error fails the demo.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const repo = mkdtempSync(join(tmpdir(), 'hush-demo-'));
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Demo',
  GIT_AUTHOR_EMAIL: 'demo@example.com',
  GIT_COMMITTER_NAME: 'Demo',
  GIT_COMMITTER_EMAIL: 'demo@example.com',
};
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: 'ignore' });
try {
  git('init', '-q', '-b', 'main');
  cpSync(join(root, 'test-fixtures/sample-app'), repo, { recursive: true });
  git('add', '.');
  git('commit', '-q', '--no-verify', '-m', 'Sample app');
  writeFileSync(join(repo, 'legacy.env'), 'SLACK_WEBHOOK=https://hooks.slack.com/services/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\n');
  git('add', 'legacy.env');
  git('commit', '-q', '--no-verify', '-m', 'Add legacy notifier');
  git('rm', '-q', 'legacy.env');
  git('commit', '-q', '--no-verify', '-m', 'Remove legacy notifier');
  console.log(`hush audit of a sample repository (${repo}):\n`);
  const result = spawnSync(process.execPath, [join(root, 'packages/cli/bin/hush.js'), 'audit', repo, '--no-cache'], { stdio: 'inherit' });
  process.exitCode = result.status === 0 || result.status === 1 ? 0 : 1;
} finally {
  rmSync(repo, { recursive: true, force: true });
}
