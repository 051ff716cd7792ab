// Pre-receive cost: a real `git push` (file://) into a bare repository with `hush hook install
// --server`, against the same push into the same repository without the hook, interleaved in the
// same run; the hook's cost is the difference. Pushes: 10 commits touching 50 files (5 each; target:
// hook ≤ 1 s on 2 cores), a branch of 1,000 commits (target: within the default 4 s budget, judged
// completely), and for scale 10 commits that each change all 50 files (500 file versions; no target).
// Every push must be accepted (nothing in it is a secret).
// Usage: node bench/pre-receive.mjs [runs]   (after a build)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'hush-bench-pre-receive-'));
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@example.com',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const FILES = 50;

/** A source file of about 4 KB; `version` changes a few lines. */
function source(i, version) {
  const lines = Array.from({ length: 90 }, (_, n) => `export const value${n} = compute(${n}, "key-${i}-${n}"); // module ${i}`);
  lines.splice(10, 0, `export const revision = ${version}; // edited by commit ${version}`);
  return `${lines.join('\n')}\n`;
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

try {
  const work = join(dir, 'work');
  mkdirSync(join(work, 'src'), { recursive: true });
  git(work, 'init', '-q', '-b', 'main');
  for (let i = 0; i < FILES; i++) writeFileSync(join(work, 'src', `m${i}.js`), source(i, 0));
  git(work, 'add', '.');
  git(work, 'commit', '-q', '-m', 'base');
  // The servers already have main; the pushes bring new branches on top of it.
  const plain = join(dir, 'plain.git');
  git(dir, 'init', '-q', '--bare', '-b', 'main', plain);
  git(work, 'push', '-q', plain, 'main');
  const hooked = join(dir, 'hooked.git');
  cpSync(plain, hooked, { recursive: true });
  execFileSync(process.execPath, [join(root, 'packages/cli/bin/hush.js'), 'hook', 'install', '--server'], { cwd: hooked, env, stdio: 'ignore' });

  git(work, 'checkout', '-q', '-b', 'ten', 'main');
  for (let c = 1; c <= 10; c++) {
    for (let i = (c - 1) * 5; i < c * 5; i++) writeFileSync(join(work, 'src', `m${i}.js`), source(i, c));
    git(work, 'commit', '-q', '-am', `change ${c}`);
  }
  git(work, 'checkout', '-q', '-b', 'wide', 'main');
  for (let c = 1; c <= 10; c++) {
    for (let i = 0; i < FILES; i++) writeFileSync(join(work, 'src', `m${i}.js`), source(i, c));
    git(work, 'commit', '-q', '-am', `change ${c}`);
  }
  git(work, 'checkout', '-q', '-b', 'thousand', 'main');
  for (let c = 1; c <= 1000; c++) {
    const i = c % FILES;
    writeFileSync(join(work, 'src', `m${i}.js`), source(i, c));
    git(work, 'commit', '-q', '-am', `step ${c}`);
  }

  /** One push of `branch` into a fresh copy of `template`; milliseconds and what the hook said. */
  const pushInto = (template, branch, n) => {
    const target = join(dir, `run-${n}.git`);
    cpSync(template, target, { recursive: true });
    const started = process.hrtime.bigint();
    const result = spawnSync('git', ['push', target, branch], { cwd: work, env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    rmSync(target, { recursive: true, force: true });
    if (result.status !== 0) throw new Error(`push of ${branch} was rejected:\n${result.stderr}`);
    return { ms, said: result.stderr.split('\n').filter((l) => l.startsWith('remote: hush')) };
  };

  const results = {};
  let n = 0;
  for (const branch of ['ten', 'thousand', 'wide']) {
    pushInto(hooked, branch, n++); // warm the page cache
    const withHook = [];
    const without = [];
    const notes = new Set();
    for (let r = 0; r < runs; r++) {
      const hooked1 = pushInto(hooked, branch, n++);
      withHook.push(hooked1.ms);
      hooked1.said.forEach((l) => notes.add(l));
      without.push(pushInto(plain, branch, n++).ms);
    }
    results[branch] = { withHookMs: median(withHook), withoutMs: median(without), hookMs: median(withHook) - median(without), notes: [...notes] };
  }
  console.log(`pre-receive hook cost (file:// push, median of ${runs} interleaved runs)`);
  console.log('| push | with hook ms | without ms | hook ms | target |\n|---|---|---|---|---|');
  const ten = results.ten;
  const thousand = results.thousand;
  console.log(
    `| 10 commits touching 50 files | ${ten.withHookMs.toFixed(0)} | ${ten.withoutMs.toFixed(0)} | ${ten.hookMs.toFixed(0)} | ≤ 1000 ${ten.hookMs <= 1000 ? 'met' : 'MISSED'} |`,
  );
  console.log(
    `| 1,000-commit branch | ${thousand.withHookMs.toFixed(0)} | ${thousand.withoutMs.toFixed(0)} | ${thousand.hookMs.toFixed(0)} | ≤ 4000 budget ${thousand.hookMs <= 4000 ? 'met' : 'MISSED'} |`,
  );
  console.log(
    `| 10 commits × all 50 files (500 versions) | ${results.wide.withHookMs.toFixed(0)} | ${results.wide.withoutMs.toFixed(0)} | ${results.wide.hookMs.toFixed(0)} | (scale only) |`,
  );
  for (const [branch, r] of Object.entries(results)) if (r.notes.length) console.log(`${branch}: the hook said: ${r.notes.join(' / ')}`);
  mkdirSync(join(root, '.bench-out'), { recursive: true });
  writeFileSync(join(root, '.bench-out/pre-receive.json'), JSON.stringify({ runs, ...results }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
