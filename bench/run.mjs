// Throughput and memory benchmark (issue: "Throughput and memory"). Times whole processes, several
// runs each (median), against references measured in the same run: ripgrep searching the union of
// the rules' keywords, cat of every file, secretlint's recommended preset, and for history
// `git cat-file --batch-all-objects` and `git log -p | rg`. Prints one table and writes JSON.
// Usage (from a built checkout): node bench/run.mjs [--runs 3] [--commits 300] [--skip-secretlint]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, buildHistory, CORPUS_DIR } from './corpus.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', 3));
const commits = Number(option('--commits', 300));
const out = join(root, '.bench-out');
const log = (message) => console.error(`[bench] ${message}`);
mkdirSync(out, { recursive: true });

function ensureTool(command, debianPackage) {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status === 0) return true;
  if (process.getuid?.() === 0) {
    log(`installing ${debianPackage} (apt)…`);
    spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${debianPackage}`], { stdio: 'ignore' });
  }
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** secretlint 12 with its recommended preset, its always-on profiler turned off (as 13.x does). */
function ensureSecretlint() {
  const dir = join(out, 'secretlint');
  if (!existsSync(join(dir, 'node_modules/secretlint'))) {
    log('installing secretlint@12 and its recommended preset…');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"name":"bench-secretlint","private":true,"type":"module"}');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'secretlint@12', '@secretlint/secretlint-rule-preset-recommend@12'], { cwd: dir, stdio: 'inherit' });
  }
  writeFileSync(join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  // npm may install several copies of @secretlint/profiler (one per dependent): silence every one.
  writeFileSync(
    join(dir, 'run.mjs'),
    [
      "import { execSync } from 'node:child_process';",
      "import { pathToFileURL } from 'node:url';",
      "const copies = execSync(\"find node_modules -path '*/@secretlint/profiler/package.json'\", { cwd: new URL('.', import.meta.url).pathname, encoding: 'utf8' }).split('\\n').filter(Boolean);",
      "for (const pkg of copies) {",
      "  const mod = await import(pathToFileURL(new URL(pkg.replace('package.json', 'module/node.js'), import.meta.url).pathname).href);",
      "  mod.secretLintProfiler.mark = () => {};",
      "}",
      "await import('./node_modules/secretlint/bin/secretlint.js');",
      '',
    ].join('\n'),
  );
  return dir;
}

const hasGnuTime = existsSync('/usr/bin/time');

/** Runs a shell command `runs` times; median wall seconds and the largest peak RSS (MB). */
function measure(label, command, cwd = root) {
  const walls = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const timed = hasGnuTime ? `/usr/bin/time -f '%e %M' -o ${out}/time.txt sh -c ${JSON.stringify(command)}` : command;
    const started = process.hrtime.bigint();
    spawnSync('sh', ['-c', timed], { cwd, stdio: 'ignore' });
    walls.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (hasGnuTime) rss = Math.max(rss, Number(readFileSync(`${out}/time.txt`, 'utf8').trim().split(/\s+/).pop()) / 1024);
  }
  walls.sort((a, b) => a - b);
  const wall = walls[Math.floor(walls.length / 2)];
  log(`${label}: ${wall.toFixed(2)} s`);
  return { label, wall, rssMb: hasGnuTime ? Math.round(rss) : null };
}

function findings(command) {
  const result = spawnSync('sh', ['-c', command], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  try {
    return JSON.parse(result.stdout).findings.length;
  } catch {
    return null;
  }
}

const tree = buildCorpus(CORPUS_DIR, log);
const repo = buildHistory(CORPUS_DIR, tree, commits, log);
const treeBytes = Number(execFileSync('sh', ['-c', `find "${tree}" -type f -printf '%s\\n' | awk '{s+=$1} END {print s}'`], { encoding: 'utf8' }));
const treeFiles = Number(execFileSync('sh', ['-c', `find "${tree}" -type f | wc -l`], { encoding: 'utf8' }));
const blobBytes = Number(execFileSync('sh', ['-c', `git cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' | awk '$1=="blob" {s+=$2} END {print s}'`], { cwd: repo, encoding: 'utf8' }));
const rules = JSON.parse(readFileSync(join(root, 'bundle/bin/builtin.json'), 'utf8')).rules;
writeFileSync(join(out, 'keywords.txt'), `${[...new Set(rules.flatMap((r) => r.keywords ?? []))].join('\n')}\n`);
const haveRg = ensureTool('rg', 'ripgrep');
const hush = `node ${join(root, 'bundle/bin/hush.mjs')}`;
const big = '--max-file-size 104857600';

const rows = [];
const mbps = (bytes, row) => bytes / 1048576 / row.wall;
const add = (row, bytes, extra = {}) => rows.push({ ...row, mbps: mbps(bytes, row), ...extra });
add(measure('cat every file', `find "${tree}" -type f -print0 | xargs -0 cat > /dev/null`), treeBytes);
if (haveRg) add(measure('ripgrep, rules keywords (-i -F -a)', `rg -i -F -a -c -f ${out}/keywords.txt "${tree}" > /dev/null`), treeBytes);
add(measure('hush scan --jobs 2', `${hush} scan "${tree}" ${big} --jobs 2 -f json -o /dev/null`), treeBytes, { findings: findings(`${hush} scan "${tree}" ${big} --jobs 2 -f json`) });
add(measure('hush scan --jobs 1', `${hush} scan "${tree}" ${big} --jobs 1 -f json -o /dev/null`), treeBytes);
if (!args.includes('--skip-secretlint')) {
  const dir = ensureSecretlint();
  // The JSON formatter embeds every file's content; the compact one prints a line per finding.
  const row = measure('secretlint 12 recommended (profiler off)', `node run.mjs --secretlintrc .secretlintrc.json --format compact --no-color "${tree}/**/*" > ${out}/secretlint.txt`, dir);
  let count = null;
  try {
    count = readFileSync(`${out}/secretlint.txt`, 'utf8').split('\n').filter((line) => /: line \d+, col \d+/.test(line)).length;
  } catch {}
  add(row, treeBytes, { findings: count });
}
add(measure('git cat-file --batch-all-objects --batch', 'git cat-file --batch-all-objects --batch --unordered > /dev/null', repo), blobBytes);
if (haveRg) add(measure('git log -p --all | rg keywords', `git log -p --all | rg -i -F -a -c -f ${out}/keywords.txt > /dev/null`, repo), blobBytes);
add(measure('hush audit --no-cache --jobs 2', `${hush} audit "${repo}" --no-cache ${big} --jobs 2 -f json -o /dev/null`), blobBytes, { findings: findings(`${hush} audit "${repo}" --no-cache ${big} -f json`) });

const get = (label) => rows.find((r) => r.label.startsWith(label));
const ratio = (a, b) => (get(a) && get(b) ? get(a).mbps / get(b).mbps : null);
const targets = [
  ['hush scan ≥ 1/3 of ripgrep keyword scan', ratio('hush scan --jobs 2', 'ripgrep'), 1 / 3],
  ['hush scan ≥ 10× secretlint', ratio('hush scan --jobs 2', 'secretlint'), 10],
  ['hush audit ≥ 1/2 of git cat-file --batch', ratio('hush audit', 'git cat-file'), 0.5],
  ['--jobs 2 ≥ 1.7× --jobs 1', ratio('hush scan --jobs 2', 'hush scan --jobs 1'), 1.7],
  ['peak RSS ≤ 300 MB (scan and audit)', Math.max(get('hush scan --jobs 2').rssMb ?? 0, get('hush audit').rssMb ?? 0), 300, 'max'],
];
const machine = `${cpus().length} cores (${cpus()[0]?.model?.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const lines = [
  `Corpus: ${(treeBytes / 1048576).toFixed(0)} MB in ${treeFiles} files (npm install of ${'a fixed package list'}); history: ${commits} commits, ${(blobBytes / 1048576).toFixed(0)} MB of unique blobs. Machine: ${machine}. Median of ${runs} runs.`,
  '',
  '| command | wall s | MB/s | peak RSS MB | findings |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.label} | ${r.wall.toFixed(2)} | ${r.mbps.toFixed(0)} | ${r.rssMb ?? '–'} | ${r.findings ?? '–'} |`),
  '',
  '| target | measured | met |',
  '|---|---|---|',
  ...targets.map(([name, value, goal, kind]) => `| ${name} | ${value === null ? 'n/a' : kind === 'max' ? `${value} MB` : `${value.toFixed(2)}×`} | ${value === null ? '–' : (kind === 'max' ? value <= goal : value >= goal) ? 'yes' : 'no'} |`),
];
console.log(lines.join('\n'));
writeFileSync(join(out, 'bench.json'), JSON.stringify({ date: new Date().toISOString(), machine, runs, treeBytes, treeFiles, blobBytes, commits, rows, targets }, null, 2));
writeFileSync(join(out, 'bench.md'), `${lines.join('\n')}\n`);
