// Where a run's CPU goes, by thread: the main thread, each worker thread, and the rest of the process
// (V8's platform threads: optimizing compiles and parallel garbage collection; libuv's pool: scrypt,
// file system calls). Every JavaScript thread samples its own counters (/proc/thread-self/stat) every
// 10 ms into a file, since a worker's thread is gone before the process ends; the main thread reads
// all the others' at exit. Linux only.
// Usage: node bench/thread-cpu.mjs [--runs 3] -- <script and arguments run under node>
//   e.g. node bench/thread-cpu.mjs --runs 5 -- bundle/bin/hush.cjs scan ~/.cache/hush-bench/corpus/tree --format json --jobs 2
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const split = args.indexOf('--');
if (split < 0 || split === args.length - 1) {
  console.error('usage: node bench/thread-cpu.mjs [--runs N] -- <script and arguments>');
  process.exit(2);
}
const runs = args.indexOf('--runs') >= 0 && args.indexOf('--runs') < split ? Number(args[args.indexOf('--runs') + 1]) : 3;
const command = args.slice(split + 1);
const work = mkdtempSync(join(tmpdir(), 'hush-thread-cpu-'));
const preload = join(work, 'preload.cjs');
writeFileSync(
  preload,
  `const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const dir = ${JSON.stringify(work)};
const ticks = (stat) => { const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); return Number(f[11]) + Number(f[12]); };
const sample = () => {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    fs.writeFileSync(dir + '/' + (isMainThread ? 'main' : 'worker') + '-' + stat.split(' ')[0], String(ticks(stat)));
  } catch {}
};
setInterval(sample, 10).unref();
if (isMainThread)
  process.on('exit', () => {
    sample();
    const all = fs.readdirSync('/proc/self/task').map((tid) => [tid, ticks(fs.readFileSync('/proc/self/task/' + tid + '/stat', 'utf8'))]);
    fs.writeFileSync(dir + '/all', JSON.stringify(all));
  });
`,
);
const tick = 1000 / 100; // ms per clock tick (USER_HZ is 100 on Linux)
const rows = [];
for (let run = 0; run < runs; run++) {
  for (const name of readdirSync(work)) if (name !== 'preload.cjs') rmSync(join(work, name));
  spawnSync(process.execPath, ['--require', preload, ...command], { stdio: ['ignore', 'ignore', 'inherit'] });
  let main = 0;
  const workers = [];
  const known = new Set();
  for (const name of readdirSync(work)) {
    const [kind, tid] = name.split('-');
    if (!tid) continue;
    known.add(tid);
    const value = Number(readFileSync(join(work, name), 'utf8')) * tick;
    if (kind === 'main') main = value;
    else workers.push(value);
  }
  const others = JSON.parse(readFileSync(join(work, 'all'), 'utf8'))
    .filter(([tid]) => !known.has(tid))
    .reduce((sum, [, value]) => sum + value * tick, 0);
  rows.push({ main, workers, others });
}
rmSync(work, { recursive: true, force: true });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sum = (values) => values.reduce((a, b) => a + b, 0);
console.log(`CPU ms by thread, ${runs} runs (median): node ${command.join(' ')}`);
console.log(`  main thread            ${median(rows.map((r) => r.main))}`);
console.log(`  worker threads (sum)   ${median(rows.map((r) => sum(r.workers)))}  (${median(rows.map((r) => r.workers.length))} workers)`);
console.log(`  other threads (V8, libuv) ${median(rows.map((r) => r.others))}`);
console.log(`  process                ${median(rows.map((r) => r.main + sum(r.workers) + r.others))}`);
