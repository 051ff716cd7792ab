// Reports on a repository with many secrets: `hush scan` as text, JSON and SARIF over the same
// files in the same run. JSON and SARIF carry a keyed hash per secret; the slow derivation (scrypt)
// is spent only on low-entropy values, so they should cost little more than the text report.
// Target: JSON and SARIF ≤ 1.3× the text report's time.
// Usage: node bench/report-hashing.mjs [tokens] [passwords] [runs]   (after a build)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE62, crc32, encodeBase } from '../packages/scanner/dist/detect/validators/checksums.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const hush = join(root, 'packages/cli/bin/hush.js');
const tokens = Number(process.argv[2] ?? 590);
const passwords = Number(process.argv[3] ?? 10);
const runs = Number(process.argv[4] ?? 3);

/** A GitHub token with a valid checksum: 30 random base62 characters and their CRC-32. */
function githubToken() {
  const random = Array.from(randomBytes(30), (b) => BASE62[b % 62]).join('');
  return `ghp_${random}${encodeBase(crc32(Buffer.from(random, 'ascii')), BASE62, 6)}`;
}

const repo = mkdtempSync(join(tmpdir(), 'hush-report-hashing-'));
try {
  execFileSync('git', ['init', '-q'], { cwd: repo });
  mkdirSync(join(repo, 'services'));
  for (let i = 0; i < tokens; i++) writeFileSync(join(repo, 'services', `svc${i}.py`), `GITHUB_TOKEN = "${githubToken()}"\n`);
  // Low-entropy values (what a dictionary could reach): these get scrypt.
  for (let i = 0; i < passwords; i++) {
    mkdirSync(join(repo, 'db', `${i}`), { recursive: true });
    writeFileSync(join(repo, 'db', `${i}`, '.env'), `DB_PASSWORD=Summer${2000 + i}!\n`);
  }
  let found = 0;
  const time = (format) => {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [hush, 'scan', '.', '--format', format], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
    if (run.status !== 1) throw new Error(`hush scan --format ${format} exited ${run.status}: ${run.stderr}`);
    if (format === 'json') found = JSON.parse(run.stdout).findings.length;
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  time('text'); // warm the page cache
  const samples = { text: [], json: [], sarif: [] };
  for (let r = 0; r < runs; r++) for (const format of Object.keys(samples)) samples[format].push(time(format));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const text = median(samples.text);
  console.log(`reports of ${tokens} random tokens and ${passwords} passwords (${found} findings), median of ${runs} interleaved runs`);
  console.log('| format | seconds | × text |\n|---|---|---|');
  for (const format of Object.keys(samples))
    console.log(`| ${format} | ${median(samples[format]).toFixed(2)} | ${(median(samples[format]) / text).toFixed(2)} |`);
  const worst = Math.max(median(samples.json), median(samples.sarif)) / text;
  console.log(worst <= 1.3 ? 'target met: JSON and SARIF ≤ 1.3× text' : 'target missed: JSON or SARIF > 1.3× text');
  mkdirSync(join(root, '.bench-out'), { recursive: true });
  writeFileSync(join(root, '.bench-out/report-hashing.json'), JSON.stringify({ tokens, passwords, samples }, null, 2));
} finally {
  rmSync(repo, { recursive: true, force: true });
}
