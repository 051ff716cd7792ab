// Org-run benchmark (issue 27): what one repository costs a shard, for docs/org-audit.md's arithmetic.
// Generates repositories of three sizes (git fast-import) plus a mirror of this checkout's own history,
// serves them with a real `git daemon` on loopback, runs `hush org run` over all of them in one shard,
// and times a plain `git clone --mirror` of each as the reference in the same run. Prints, per size
// class, the median clone and audit times from the result files, and hush's total as a ratio of the
// bare clone; writes JSON to .bench-out/org-shard.json.
// Usage (from a built checkout): node bench/org-shard.mjs [--small 12] [--medium 6] [--large 2]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => Number(args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const log = (message) => console.error(`[bench] ${message}`);
const CLASSES = {
  small: { count: option('--small', 12), commits: 20, files: 3, bytes: 2048 },
  medium: { count: option('--medium', 6), commits: 300, files: 5, bytes: 4096 },
  large: { count: option('--large', 2), commits: 2000, files: 8, bytes: 4096 },
};

let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const WORDS = ['const', 'let', 'return', 'function', 'value', 'config', 'user', 'request', 'await', 'import', 'export', 'if', 'else', 'for', 'of', 'map'];
function codeText(bytes) {
  let text = '';
  while (text.length < bytes) {
    const n = 3 + Math.floor(random() * 8);
    text += `${Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')} ${Math.floor(random() * 1e6)};\n`;
  }
  return text;
}

/** A bare repository with `commits` commits, each rewriting `files` of 40 source files, built by fast-import. */
function generate(dir, spec) {
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', dir]);
  const parts = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let i = 1; i <= spec.commits; i++) {
    parts.push(`commit refs/heads/main\nmark :${i}\ncommitter Bench <bench@example.com> ${1700000000 + i * 60} +0000\n${data(`change ${i}`)}`);
    if (i > 1) parts.push(`from :${i - 1}\n`);
    for (let f = 0; f < spec.files; f++) parts.push(`M 100644 inline src/module-${Math.floor(random() * 40)}.js\n${data(codeText(spec.bytes))}`);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join(''), maxBuffer: 1 << 30 });
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : 0;
};

const base = mkdtempSync(join(tmpdir(), 'hush-bench-org-'));
let daemon;
try {
  const repos = [];
  for (const [name, spec] of Object.entries(CLASSES)) {
    for (let i = 0; i < spec.count; i++) {
      const repo = `bench/${name}-${i}`;
      log(`generating ${repo} (${spec.commits} commits)…`);
      generate(join(base, `${repo}.git`), spec);
      repos.push({ name: repo, sizeClass: name });
    }
  }
  // A real history: this checkout's own.
  execFileSync('git', ['clone', '-q', '--mirror', '--no-local', root, join(base, 'bench/hush.git')], { stdio: 'ignore' });
  repos.push({ name: 'bench/hush', sizeClass: 'this repository' });

  const port = await freePort();
  daemon = spawn('git', ['daemon', '--export-all', '--reuseaddr', `--base-path=${base}`, '--listen=127.0.0.1', `--port=${port}`, base], { stdio: 'ignore' });
  const url = (name) => `git://127.0.0.1:${port}/${name}.git`;
  for (let i = 0; i < 100 && spawnSync('git', ['ls-remote', url(repos[0].name)], { stdio: 'ignore' }).status !== 0; i++)
    await new Promise((r) => setTimeout(r, 100));

  // Reference: a plain mirror clone of each repository, same machine, same run.
  const reference = new Map();
  for (const repo of repos) {
    const dest = join(base, 'ref.git');
    const started = performance.now();
    execFileSync('git', ['clone', '-q', '--mirror', url(repo.name), dest], { stdio: 'ignore' });
    reference.set(repo.name, performance.now() - started);
    repo.commits = Number(execFileSync('git', ['rev-list', '--count', '--all'], { cwd: dest, encoding: 'utf8' }).trim());
    repo.kb = Number(execFileSync('du', ['-sk', dest], { encoding: 'utf8' }).split('\t')[0]);
    rmSync(dest, { recursive: true, force: true });
  }

  const inventory = join(base, 'repos.jsonl');
  writeFileSync(inventory, repos.map((r) => JSON.stringify({ name: r.name, cloneUrl: url(r.name), size: r.kb })).join('\n'));
  const out = join(base, 'results');
  log(`hush org run over ${repos.length} repositories…`);
  const started = performance.now();
  execFileSync(
    process.execPath,
    [join(root, 'packages/cli/bin/hush.js'), 'org', 'run', '--inventory', inventory, '--out', out, '--shard', '0', '--of', '1', '--work', base],
    {
      env: { ...process.env, HUSH_ORG_KEY: 'benchmark-org-key-0123456789' },
      stdio: 'ignore',
    },
  );
  const wallMs = performance.now() - started;
  const results = readdirSync(out).map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')));

  const rows = [];
  for (const sizeClass of [...Object.keys(CLASSES), 'this repository']) {
    const members = repos.filter((r) => r.sizeClass === sizeClass);
    if (!members.length) continue;
    const of = (r) => results.find((x) => x.repository.name === r.name);
    const clone = median(members.map((r) => of(r).durationMs.clone));
    const audit = median(members.map((r) => of(r).durationMs.audit));
    const ref = median(members.map((r) => reference.get(r.name)));
    rows.push({
      sizeClass,
      repositories: members.length,
      commits: median(members.map((r) => r.commits)),
      mirrorKb: median(members.map((r) => r.kb)),
      cloneMs: clone,
      auditMs: audit,
      referenceCloneMs: Math.round(ref),
      totalOverReference: Number(((clone + audit) / ref).toFixed(1)),
    });
  }
  const perRepository = results.map((r) => r.durationMs.clone + r.durationMs.audit).sort((a, b) => a - b);
  const summary = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    repositories: repos.length,
    wallMs: Math.round(wallMs),
    perRepositoryMs: { p50: median(perRepository), p90: perRepository[Math.floor(perRepository.length * 0.9)], max: perRepository.at(-1) },
    failed: results.filter((r) => r.status !== 'ok').length,
    rows,
  };
  console.table(rows);
  console.log(JSON.stringify(summary, null, 2));
  mkdirSync(join(root, '.bench-out'), { recursive: true });
  writeFileSync(join(root, '.bench-out/org-shard.json'), `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  daemon?.kill();
  rmSync(base, { recursive: true, force: true });
}
