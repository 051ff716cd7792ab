// Throughput and memory benchmark (issues "Throughput and memory", 15). Times whole processes, several
// interleaved runs each (median), against references measured in the same run: ripgrep searching the
// union of the rules' keywords, cat of every file, secretlint's recommended preset, and for history
// `git cat-file --batch-all-objects` and `git log -p | rg`; the audit again on a history twice as long
// (memory must stay flat). Prints one table with per-repetition ratios and writes JSON.
// Usage (from a built checkout): node bench/run.mjs [--runs 3] [--commits 300] [--skip-secretlint] [--skip-long-history]
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
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'secretlint@12', '@secretlint/secretlint-rule-preset-recommend@12'], {
      cwd: dir,
      stdio: 'inherit',
    });
  }
  writeFileSync(join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  // npm may install several copies of @secretlint/profiler (one per dependent): silence every one.
  writeFileSync(
    join(dir, 'run.mjs'),
    [
      "import { execSync } from 'node:child_process';",
      "import { pathToFileURL } from 'node:url';",
      "const copies = execSync(\"find node_modules -path '*/@secretlint/profiler/package.json'\", { cwd: new URL('.', import.meta.url).pathname, encoding: 'utf8' }).split('\\n').filter(Boolean);",
      'for (const pkg of copies) {',
      "  const mod = await import(pathToFileURL(new URL(pkg.replace('package.json', 'module/node.js'), import.meta.url).pathname).href);",
      '  mod.secretLintProfiler.mark = () => {};',
      '}',
      "await import('./node_modules/secretlint/bin/secretlint.js');",
      '',
    ].join('\n'),
  );
  return dir;
}

const hasGnuTime = existsSync('/usr/bin/time');

/** One timed run of a shell command: wall seconds and peak RSS (MB). */
function runOnce(command, cwd) {
  const timed = hasGnuTime ? `/usr/bin/time -f '%e %M' -o ${out}/time.txt sh -c ${JSON.stringify(command)}` : command;
  const started = process.hrtime.bigint();
  spawnSync('sh', ['-c', timed], { cwd, stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  return { wall, rss: hasGnuTime ? Number(readFileSync(`${out}/time.txt`, 'utf8').trim().split(/\s+/).pop()) / 1024 : 0 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Runs each command `runs` times, interleaved (all commands once, then again), so the machine's load
 * at any moment affects every command alike and each repetition gives same-run ratios. Per command:
 * the walls in repetition order, their median, and the largest peak RSS.
 */
function measureAll(specs) {
  const results = specs.map((spec) => ({ ...spec, walls: [], rss: 0 }));
  for (let i = 0; i < runs; i++) {
    for (const r of results) {
      const { wall, rss } = runOnce(r.command, r.cwd ?? root);
      r.walls.push(wall);
      r.rss = Math.max(r.rss, rss);
    }
    log(`repetition ${i + 1}/${runs}: ${results.map((r) => `${r.label} ${r.walls[i].toFixed(2)} s`).join(', ')}`);
  }
  return results.map((r) => ({
    label: r.label,
    bytes: r.bytes,
    walls: r.walls,
    wall: median(r.walls),
    rssMb: hasGnuTime ? Math.round(r.rss) : null,
    findingsCommand: r.findingsCommand,
  }));
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
const blobBytes = Number(
  execFileSync('sh', ['-c', `git cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' | awk '$1=="blob" {s+=$2} END {print s}'`], {
    cwd: repo,
    encoding: 'utf8',
  }),
);
const rules = JSON.parse(readFileSync(join(root, 'bundle/bin/builtin.json'), 'utf8')).rules;
writeFileSync(join(out, 'keywords.txt'), `${[...new Set(rules.flatMap((r) => r.keywords ?? []))].join('\n')}\n`);
const haveRg = ensureTool('rg', 'ripgrep');
const hush = `node ${join(root, 'bundle/bin/hush.cjs')}`;
const big = '--max-file-size 104857600';

const longRepo = args.includes('--skip-long-history') ? null : buildHistory(join(CORPUS_DIR, 'long'), tree, commits * 2, log);
const longBlobBytes = longRepo
  ? Number(
      execFileSync('sh', ['-c', `git cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' | awk '$1=="blob" {s+=$2} END {print s}'`], {
        cwd: longRepo,
        encoding: 'utf8',
      }),
    )
  : 0;

const specs = [
  { label: 'cat every file', command: `find "${tree}" -type f -print0 | xargs -0 cat > /dev/null`, bytes: treeBytes },
  ...(haveRg
    ? [{ label: 'ripgrep, rules keywords (-i -F -a)', command: `rg -i -F -a -c -f ${out}/keywords.txt "${tree}" > /dev/null`, bytes: treeBytes }]
    : []),
  {
    label: 'hush scan --jobs 2',
    command: `${hush} scan "${tree}" ${big} --jobs 2 -f json -o /dev/null`,
    bytes: treeBytes,
    findingsCommand: `${hush} scan "${tree}" ${big} --jobs 2 -f json`,
  },
  { label: 'hush scan --jobs 1', command: `${hush} scan "${tree}" ${big} --jobs 1 -f json -o /dev/null`, bytes: treeBytes },
  {
    label: 'git cat-file --batch-all-objects --batch',
    command: 'git cat-file --batch-all-objects --batch --unordered > /dev/null',
    cwd: repo,
    bytes: blobBytes,
  },
  ...(haveRg
    ? [
        {
          label: 'git log -p --all | rg keywords',
          command: `git log -p --all | rg -i -F -a -c -f ${out}/keywords.txt > /dev/null`,
          cwd: repo,
          bytes: blobBytes,
        },
      ]
    : []),
  {
    label: 'hush audit --no-cache --jobs 2',
    command: `${hush} audit "${repo}" --no-cache ${big} --jobs 2 -f json -o /dev/null`,
    bytes: blobBytes,
    findingsCommand: `${hush} audit "${repo}" --no-cache ${big} -f json`,
  },
  ...(longRepo
    ? [
        {
          label: `hush audit --no-cache --jobs 2, ${commits * 2}-commit history`,
          command: `${hush} audit "${longRepo}" --no-cache ${big} --jobs 2 -f json -o /dev/null`,
          bytes: longBlobBytes,
        },
      ]
    : []),
];
const rows = measureAll(specs).map((row) => ({
  ...row,
  mbps: row.bytes / 1048576 / row.wall,
  findings: row.findingsCommand ? findings(row.findingsCommand) : undefined,
}));
if (!args.includes('--skip-secretlint')) {
  const dir = ensureSecretlint();
  // The JSON formatter embeds every file's content; the compact one prints a line per finding.
  const [row] = measureAll([
    {
      label: 'secretlint 12 recommended (profiler off)',
      command: `node run.mjs --secretlintrc .secretlintrc.json --format compact --no-color "${tree}/**/*" > ${out}/secretlint.txt`,
      cwd: dir,
      bytes: treeBytes,
    },
  ]);
  let count = null;
  try {
    count = readFileSync(`${out}/secretlint.txt`, 'utf8')
      .split('\n')
      .filter((line) => /: line \d+, col \d+/.test(line)).length;
  } catch {}
  rows.push({ ...row, mbps: treeBytes / 1048576 / row.wall, findings: count });
}

const get = (label) => rows.find((r) => r.label.startsWith(label));
const ratio = (a, b) => (get(a) && get(b) ? get(a).mbps / get(b).mbps : null);
/** Throughput ratio in each repetition (the commands ran side by side in time). */
const perRun = (a, b) => (get(a) && get(b) ? get(a).walls.map((wall, i) => (get(b).walls[i] * get(a).bytes) / (wall * get(b).bytes)) : []);
const longRss = rows.find((r) => r.label.includes('-commit history'))?.rssMb ?? null;
const targets = [
  ['hush scan ≥ 0.5× ripgrep keyword scan', ratio('hush scan --jobs 2', 'ripgrep'), 0.5],
  ['hush scan ≥ 10× secretlint', ratio('hush scan --jobs 2', 'secretlint'), 10],
  ['hush audit ≥ 0.5× git cat-file --batch', ratio('hush audit --no-cache --jobs 2', 'git cat-file'), 0.5],
  ['--jobs 2 ≥ 1.7× --jobs 1 (median)', ratio('hush scan --jobs 2', 'hush scan --jobs 1'), 1.7],
  ['--jobs 2 ≥ 1.7× --jobs 1 (every repetition: lowest)', Math.min(...perRun('hush scan --jobs 2', 'hush scan --jobs 1')), 1.7],
  [
    'peak RSS ≤ 300 MB (scan and audit)',
    Math.max(get('hush scan --jobs 2').rssMb ?? 0, get('hush audit --no-cache --jobs 2').rssMb ?? 0, longRss ?? 0),
    300,
    'max',
  ],
  ...(longRss
    ? [
        [
          `audit peak RSS flat on a ${commits * 2}-commit history (≤ 1.1× the ${commits}-commit one)`,
          longRss / (get('hush audit --no-cache --jobs 2').rssMb || 1),
          1.1,
          'ratio-max',
        ],
      ]
    : []),
];
const perRunLines = [
  ['scan / ripgrep', perRun('hush scan --jobs 2', 'ripgrep')],
  ['audit / cat-file', perRun('hush audit --no-cache --jobs 2', 'git cat-file')],
  ['--jobs 2 / --jobs 1', perRun('hush scan --jobs 2', 'hush scan --jobs 1')],
].map(([name, values]) => `${name}: ${values.map((v) => `${v.toFixed(2)}×`).join(', ') || 'n/a'}`);
const machine = `${cpus().length} cores (${cpus()[0]?.model?.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const lines = [
  `Corpus: ${(treeBytes / 1048576).toFixed(0)} MB in ${treeFiles} files (npm install of ${'a fixed package list'}); history: ${commits} commits, ${(blobBytes / 1048576).toFixed(0)} MB of unique blobs. Machine: ${machine}. Median of ${runs} interleaved runs.`,
  '',
  '| command | wall s | MB/s | peak RSS MB | findings |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.label} | ${r.wall.toFixed(2)} | ${r.mbps.toFixed(0)} | ${r.rssMb ?? '–'} | ${r.findings ?? '–'} |`),
  '',
  '| target | measured | met |',
  '|---|---|---|',
  ...targets.map(
    ([name, value, goal, kind]) =>
      `| ${name} | ${value === null || !Number.isFinite(value) ? 'n/a' : kind === 'max' ? `${value} MB` : `${value.toFixed(2)}×`} | ${value === null || !Number.isFinite(value) ? '–' : (kind === 'max' || kind === 'ratio-max' ? value <= goal : value >= goal) ? 'yes' : 'no'} |`,
  ),
  '',
  `Same-run ratios per repetition: ${perRunLines.join('; ')}.`,
];
console.log(lines.join('\n'));
writeFileSync(
  join(out, 'bench.json'),
  JSON.stringify({ date: new Date().toISOString(), machine, runs, treeBytes, treeFiles, blobBytes, longBlobBytes, commits, rows, targets }, null, 2),
);
writeFileSync(join(out, 'bench.md'), `${lines.join('\n')}\n`);
