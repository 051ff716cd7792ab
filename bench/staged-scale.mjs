// The pre-commit scan at scale: `hush staged` with N staged files against `hush scan` of the same
// files in the same run (the reference: the same detection over the same bytes, read from disk).
// Staging must stay linear in the number of files: target staged ≤ 2× scan at 100k files.
// Usage: node bench/staged-scale.mjs [5000,20000,100000]   (after a build)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const hush = join(root, 'packages/cli/bin/hush.js');
const sizes = (process.argv[2] ?? '5000,20000,100000').split(',').map(Number);
const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' };

/** Wall time of one hush run, in seconds; exit 0 (clean) or 1 (findings) is expected. */
function timed(repo, args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [hush, ...args], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && run.status !== 1) throw new Error(`hush ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return seconds;
}

const rows = [];
for (const count of sizes) {
  const repo = mkdtempSync(join(tmpdir(), 'hush-staged-scale-'));
  try {
    execFileSync('git', ['init', '-q'], { cwd: repo, env });
    // 100 files a directory, small distinct source files, one token so both commands report.
    for (let i = 0; i < count; i++) {
      const dir = join(repo, 'src', `d${Math.floor(i / 100)}`);
      if (i % 100 === 0) mkdirSync(dir, { recursive: true });
      const token = i === 7 ? 'const token = "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";\n' : '';
      writeFileSync(join(dir, `m${i}.ts`), `export const value${i} = compute(${i}, "key-${i}");\n${token}`);
    }
    execFileSync('git', ['add', '.'], { cwd: repo, env, maxBuffer: 1 << 26 });
    timed(repo, ['scan', 'src']); // warm the page cache
    const scan = timed(repo, ['scan', 'src']);
    const staged = timed(repo, ['staged']);
    rows.push({ count, scan, staged, ratio: staged / scan });
    console.error(`[bench] ${count} files: scan ${scan.toFixed(2)} s, staged ${staged.toFixed(2)} s`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
console.log('| staged files | hush scan (s) | hush staged (s) | staged ÷ scan |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.count} | ${r.scan.toFixed(2)} | ${r.staged.toFixed(2)} | ${r.ratio.toFixed(2)} |`);
const largest = rows.at(-1);
console.log(largest.ratio <= 2 ? `target met: staged ≤ 2× scan at ${largest.count} files` : `target missed: staged > 2× scan at ${largest.count} files`);
mkdirSync(join(root, '.bench-out'), { recursive: true });
writeFileSync(join(root, '.bench-out/staged-scale.json'), JSON.stringify(rows, null, 2));
