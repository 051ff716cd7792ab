// Pre-commit latency: `hush staged` with 10 staged files of typical size, against bare node
// start-up measured in the same run (machines here are noisy: read the ratio, not the seconds).
// Usage: node bench/hook-latency.mjs [runs]   (after a build)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 15);
const repo = mkdtempSync(join(tmpdir(), 'hush-latency-'));
const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' };
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: 'ignore' });

try {
  git('init', '-q');
  mkdirSync(join(repo, 'src'));
  // Ten source files of 2–8 KB each, like a typical commit; one holds a token so the scan has work to report.
  for (let i = 0; i < 10; i++) {
    const lines = Array.from({ length: 60 + i * 20 }, (_, n) => `export const value${n} = computeSomething(${n}, "config-key-${n}"); // line ${n}`);
    if (i === 3) lines.push('const token = "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";');
    writeFileSync(join(repo, 'src', `module${i}.ts`), `${lines.join('\n')}\n`);
  }
  git('add', '.');

  const time = (args) => {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      spawnSync(process.execPath, args, { cwd: repo, stdio: 'ignore' });
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)];
  };
  time(['-e', '0']); // warm the page cache
  const node = time(['-e', '0']);
  const bundled = time([join(root, 'bundle/bin/hush.cjs'), 'staged']);
  const modules = time([join(root, 'packages/cli/bin/hush.js'), 'staged']);
  const rows = [
    ['bare node (node -e 0)', node, 1],
    ['hush staged (bundle: what the hook runs when installed from it)', bundled, bundled / node],
    ['hush staged (workspace modules)', modules, modules / node],
  ];
  console.log(`hook latency, 10 staged files, median of ${runs} runs`);
  console.log('| command | median ms | × bare node |\n|---|---|---|');
  for (const [name, ms, ratio] of rows) console.log(`| ${name} | ${ms.toFixed(0)} | ${ratio.toFixed(2)} |`);
  console.log(bundled / node <= 3 ? 'target met: ≤ 3× bare node start-up' : 'target missed: > 3× bare node start-up');
  mkdirSync(join(root, '.bench-out'), { recursive: true });
  writeFileSync(
    join(root, '.bench-out/hook-latency.json'),
    JSON.stringify({ runs, nodeMs: node, bundledMs: bundled, modulesMs: modules, ratio: bundled / node }, null, 2),
  );
} finally {
  rmSync(repo, { recursive: true, force: true });
}
