// Installs the system tools the tests drive for real (the pre-commit framework, Chromium for the
// HTML report, git-filter-repo for the purge plan) when they are missing, so the README's test
// command works on a fresh machine. Needs root for apt-get; otherwise says what is missing.
import { execFileSync, spawnSync } from 'node:child_process';

const tools = { 'pre-commit': 'pre-commit', chromium: 'chromium', 'git-filter-repo': 'git-filter-repo' };
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = Object.entries(tools)
  .filter(([cmd]) => !has(cmd))
  .map(([, pkg]) => pkg);
if (missing.length > 0) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.error(`installing system tools for the tests: ${missing.join(', ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } else {
    console.error(`note: ${missing.join(', ')} not installed (needs root and apt-get); their integration tests will fail`);
  }
}
