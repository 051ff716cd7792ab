// Scaling, audit, hook start-up and memory against the references of the many-core kit
// (../shared/bench/many-cores/run.sh), run here: ripgrep's keyword search as the kit runs it (the kit's
// keywords, -i -F -a, --no-ignore --hidden), hush scan with --jobs 1 and 2, git cat-file against hush
// audit --no-cache, and `hush hook run` on 10 staged files against `node -e 0`. Every command runs once
// per repetition, interleaved, so the machine's load at any moment touches all alike; the ratios are
// taken per repetition. `--base DIR` adds another build's bundle (e.g. an older commit's) to the same run;
// `--hush DIR` measures another bundle than this checkout's as hush (e.g. this code with older rules).
// Usage (after a build and a bench corpus): node bench/cores.mjs [--runs 3] [--base DIR] [--hush DIR] [--skip-audit] [--wide 100000]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, buildHistory, CORPUS_DIR } from './corpus.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', 3));
const base = option('--base', null);
const log = (message) => console.error(`[cores] ${message}`);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// The kit's keyword list, as run.sh writes it.
const KEYWORDS = [
  'AKIA', 'ASIA', 'ghp_', 'gho_', 'ghs_', 'ghu_', 'github_pat_', 'glpat-', 'xoxb-', 'xoxp-', 'xapp-', 'hooks.slack.com', 'sk_live_', 'rk_live_', 'SG.', 'AIza',
  'npm_', 'pypi-', 'hf_', 'sk-ant-', 'sk-proj-', 'T3BlbkFJ', 'dckr_pat_', 'shpat_', 'Q~', 'BEGIN RSA', 'BEGIN EC', 'BEGIN OPENSSH', 'PRIVATE KEY',
  'AccountKey', 'SharedAccessKey', 'sig=', 'client_secret', 'clientsecret', 'password', 'passwd', 'secret', 'token', 'api_key', 'apikey',
  'Authorization:', 'Bearer ', '://', 'eyJ',
]; // prettier-ignore

const tree = buildCorpus(CORPUS_DIR, log);
const repo = args.includes('--skip-audit') ? null : buildHistory(CORPUS_DIR, tree, 20, log);
const work = mkdtempSync(join(tmpdir(), 'hush-cores-'));
const kw = join(work, 'kw');
writeFileSync(kw, `${KEYWORDS.join('\n')}\n`);
const bytes = Number(execFileSync('sh', ['-c', `du -sb "${tree}" | cut -f1`], { encoding: 'utf8' }));

// The hook's repository: 10 staged source files of 2–8 KB, one with a token (as bench/hook-latency.mjs).
const hookRepo = join(work, 'hook');
mkdirSync(join(hookRepo, 'src'), { recursive: true });
const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' };
execFileSync('git', ['init', '-q'], { cwd: hookRepo, env });
for (let i = 0; i < 10; i++) {
  const lines = Array.from({ length: 60 + i * 20 }, (_, n) => `export const value${n} = computeSomething(${n}, "config-key-${n}"); // line ${n}`);
  if (i === 3) lines.push('const token = "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";');
  writeFileSync(join(hookRepo, 'src', `module${i}.ts`), `${lines.join('\n')}\n`);
}
execFileSync('git', ['add', '.'], { cwd: hookRepo, env });

// A wide history (issue 22: a 100k-file history's audit must stay within 300 MB): --wide N files in
// one commit, a tenth of them edited in a second, written with git fast-import.
const wide = Number(option('--wide', 0));
const wideRepo = wide ? join(work, 'wide') : null;
if (wideRepo) {
  execFileSync('git', ['init', '-q', '-b', 'main', wideRepo]);
  const parts = [];
  const blob = (mark, text) => parts.push(`blob\nmark :${mark}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  const path = (i) => `src/d${Math.floor(i / 100)}/file${i}.js`;
  for (let i = 0; i < wide; i++)
    blob(i + 1, `// module ${i}\nexport function f${i}(a) {\n  return fetch("https://example.com/api/${i}", { headers: { token: a } });\n}\n`);
  parts.push('commit refs/heads/main\ncommitter B <b@example.com> 1700000000 +0000\ndata 4\nwide\n');
  for (let i = 0; i < wide; i++) parts.push(`M 100644 :${i + 1} ${path(i)}\n`);
  parts.push('\n');
  for (let i = 0; i < wide; i += 10) blob(wide + 1 + i, `// module ${i}, edited\nexport const hint${i} = "see the vault";\n`);
  parts.push('commit refs/heads/main\ncommitter B <b@example.com> 1700000100 +0000\ndata 4\nedit\n');
  for (let i = 0; i < wide; i += 10) parts.push(`M 100644 :${wide + 1 + i} ${path(i)}\n`);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: wideRepo, input: `${parts.join('')}\n`, maxBuffer: 1 << 30 });
}

// A bundle's entry: bin/hush.cjs, or bin/hush.mjs in bundles built before it was renamed.
const entryOf = (bundle) => (existsSync(join(bundle, 'bin/hush.cjs')) ? join(bundle, 'bin/hush.cjs') : join(bundle, 'bin/hush.mjs'));
const builds = [['hush', entryOf(option('--hush', join(root, 'bundle')))], ...(base ? [['base', entryOf(base)]] : [])];
const specs = [
  { label: 'rg (all cores)', command: `rg -c -a -i -F -f ${kw} --no-ignore --hidden "${tree}"` },
  { label: 'rg -j1', command: `rg -j1 -c -a -i -F -f ${kw} --no-ignore --hidden "${tree}"` },
  ...builds.flatMap(([name, bin]) =>
    [1, 2].map((jobs) => ({ label: `${name} scan --jobs ${jobs}`, command: `node ${bin} scan "${tree}" --format json --jobs ${jobs}` })),
  ),
  ...(repo
    ? [
        { label: 'git cat-file --batch-all-objects --batch', command: 'git cat-file --batch-all-objects --batch', cwd: repo },
        ...builds.flatMap(([name, bin]) => [
          ...[1, 2].map((jobs) => ({
            label: `${name} audit --no-cache --jobs ${jobs}`,
            command: `node ${bin} audit . --no-cache --format json --jobs ${jobs}`,
            cwd: repo,
          })),
          // What a user gets: since 3f631e9 an audit leaves git one CPU when --jobs is not given.
          { label: `${name} audit --no-cache (default --jobs)`, command: `node ${bin} audit . --no-cache --format json`, cwd: repo },
        ]),
      ]
    : []),
  ...(wideRepo
    ? builds.map(([name, bin]) => ({
        label: `${name} audit --no-cache --jobs 2, ${wide}-file history`,
        command: `node ${bin} audit . --no-cache --format json --jobs 2`,
        cwd: wideRepo,
      }))
    : []),
  { label: 'node -e 0', command: 'node -e 0', cwd: hookRepo },
  ...builds.map(([name, bin]) => ({ label: `${name} hook run (10 staged files)`, command: `node ${bin} hook run`, cwd: hookRepo })),
];

function runOnce({ command, cwd }) {
  const started = process.hrtime.bigint();
  spawnSync('sh', ['-c', `/usr/bin/time -f '%M %U %S' -o ${work}/rss sh -c '${command.replace(/'/g, "'\\''")} > /dev/null 2>&1'`], {
    cwd: cwd ?? root,
    stdio: 'ignore',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // Peak RSS of the largest process, and CPU time (user + sys, children included): under load the
  // CPU time moves far less than the wall time.
  const [rss, user, sys] = readFileSync(`${work}/rss`, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { ms, rssMb: rss / 1024, cpuMs: (user + sys) * 1000 };
}

const loads = [load()];
const results = specs.map((s) => ({ ...s, ms: [], cpuMs: [], rssMb: 0 }));
try {
  for (const r of results) runOnce(r); // warm the page cache
  for (let i = 0; i < runs; i++) {
    for (const r of results) {
      const { ms, rssMb, cpuMs } = runOnce(r);
      r.ms.push(ms);
      r.cpuMs.push(cpuMs);
      r.rssMb = Math.max(r.rssMb, rssMb);
    }
    loads.push(load());
    log(`repetition ${i + 1}/${runs} done (load ${load()})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const get = (label) => results.find((r) => r.label === label);
const ratio = (a, b, field = 'ms') => (get(a) && get(b) ? get(a)[field].map((v, i) => v / get(b)[field][i]) : []);
const show = (values) => `${values.map((v) => `${v.toFixed(2)}×`).join(', ')} (median ${median(values).toFixed(2)}×)`;
const mb = bytes / 1e6;
const lines = [
  `Machine: ${cpus().length} cores (${cpus()[0]?.model?.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average before and after each repetition: ${loads.join(' | ')}.`,
  `Corpus: ${mb.toFixed(0)} MB (${tree}); ${runs} interleaved repetitions; commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()}.`,
  '',
  '| command | median ms | MB/s | CPU ms (user+sys) | peak RSS MB |',
  '|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.label} | ${median(r.ms).toFixed(0)} | ${r.label.includes('scan') || r.label.startsWith('rg') ? (mb / (median(r.ms) / 1000)).toFixed(0) : '–'} | ${median(r.cpuMs).toFixed(0)} | ${r.rssMb.toFixed(0)} |`,
  ),
  '',
  'Time ratios per repetition (same run):',
  ...builds.flatMap(([name]) => [
    `- ${name} scan --jobs 2 / rg (all cores): ${show(ratio(`${name} scan --jobs 2`, 'rg (all cores)'))}`,
    `- ${name} scan --jobs 1 / rg -j1: ${show(ratio(`${name} scan --jobs 1`, 'rg -j1'))}`,
    `- ${name} scan --jobs 1 / --jobs 2 (speed-up): ${show(ratio(`${name} scan --jobs 1`, `${name} scan --jobs 2`))}`,
    ...(repo
      ? [
          `- ${name} audit --no-cache --jobs 2 / cat-file: ${show(ratio(`${name} audit --no-cache --jobs 2`, 'git cat-file --batch-all-objects --batch'))}`,
          `- ${name} audit --no-cache (default --jobs) / cat-file: ${show(ratio(`${name} audit --no-cache (default --jobs)`, 'git cat-file --batch-all-objects --batch'))}`,
          `- ${name} audit --jobs 1 / --jobs 2 (speed-up): ${show(ratio(`${name} audit --no-cache --jobs 1`, `${name} audit --no-cache --jobs 2`))}`,
        ]
      : []),
    `- ${name} hook run / node -e 0: ${show(ratio(`${name} hook run (10 staged files)`, 'node -e 0'))}; CPU time ${show(ratio(`${name} hook run (10 staged files)`, 'node -e 0', 'cpuMs'))}`,
  ]),
  ...(base
    ? [
        `- hush / base, scan --jobs 2: ${show(ratio('hush scan --jobs 2', 'base scan --jobs 2'))}`,
        ...(repo
          ? [
              `- hush / base, audit --jobs 2: ${show(ratio('hush audit --no-cache --jobs 2', 'base audit --no-cache --jobs 2'))}`,
              `- hush / base, audit (default --jobs): ${show(ratio('hush audit --no-cache (default --jobs)', 'base audit --no-cache (default --jobs)'))}`,
            ]
          : []),
        `- hush / base, hook run: ${show(ratio('hush hook run (10 staged files)', 'base hook run (10 staged files)'))}`,
      ]
    : []),
];
console.log(lines.join('\n'));
mkdirSync(join(root, '.bench-out'), { recursive: true });
writeFileSync(join(root, '.bench-out/cores.md'), `${lines.join('\n')}\n`);
