// Org-merge benchmark (issue 27): `hush org merge` over the results of a large organisation. Writes
// N synthetic result files shaped as `hush org run` writes them (a few findings each, some secrets
// shared across repositories), then times the JSON and HTML merges and reads their peak memory
// (`/usr/bin/time`), against `cat` of the same files as the reference in the same run.
// Usage (from a built checkout): node bench/org-merge.mjs [--repositories 10000]
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const count = Number(args.includes('--repositories') ? args[args.indexOf('--repositories') + 1] : 10000);
const hex = (text) => createHash('sha256').update(text).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'hush-bench-merge-'));
try {
  const results = join(dir, 'results');
  mkdirSync(results);
  let findings = 0;
  for (let i = 0; i < count; i++) {
    const name = `acme/service-${i}`;
    const n = i % 4; // 0-3 findings; every 50th repository also holds one of 20 shared secrets
    const list = Array.from({ length: n + (i % 50 === 0 ? 1 : 0) }, (_, k) => {
      const shared = k === n;
      return {
        ruleId: 'github.classic-pat',
        title: 'GitHub personal access token (classic)',
        severity: 'critical',
        path: `config/file-${k}.env`,
        line: k + 1,
        column: 14,
        endLine: k + 1,
        endColumn: 54,
        secret: 'ghp_********',
        snippet: 'GITHUB_TOKEN=ghp_********',
        fingerprint: hex(`${name}${k}`),
        secretHash: hex(shared ? `shared-${i % 20}` : `${name}-${k}`),
        validity: 'checksum-valid',
        commit: {
          sha: hex(`${name}-commit-${k}`).slice(0, 40),
          author: 'Dev',
          email: 'dev@example.com',
          date: '2026-01-01T00:00:00Z',
          path: `config/file-${k}.env`,
        },
        inHead: k % 2 === 0,
        guidance: {
          summary: 'Revoke the token.',
          steps: ['Revoke it in the settings.', 'Create a new one.'],
          instead: ['Use a secret store.'],
          references: ['https://docs.github.com/'],
        },
      };
    });
    findings += list.length;
    const head = hex(`${name}-head`).slice(0, 40);
    const result = {
      kind: 'hush-org-result',
      version: '1',
      repository: { name, cloneUrl: `https://github.com/${name}.git`, defaultBranch: 'main' },
      keyId: '0123456789abcdef',
      status: i % 500 === 7 ? 'error' : 'ok',
      head,
      attempts: 1,
      durationMs: { clone: 200, audit: 300 },
      finishedAt: '2026-01-01T00:00:00.000Z',
    };
    if (result.status === 'error') result.error = 'clone failed: repository not found';
    else
      result.report = {
        version: '1',
        tool: { name: 'hush', version: '0.1.0' },
        repository: { remoteUrl: `https://github.com/${name}.git`, head, branch: 'main' },
        findings: list,
        skipped: [],
        warnings: [],
        stats: { filesScanned: 40, bytesScanned: 40960, filesSkipped: 0, findings: list.length, rulesRun: 304 },
      };
    writeFileSync(join(results, `${encodeURIComponent(name)}.json`), JSON.stringify(result, null, 2));
  }
  const timed = (command, commandArgs) => {
    const started = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', '%M', command, ...commandArgs], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = performance.now() - started;
    const kb = Number(run.stderr.trim().split('\n').at(-1));
    return { ms: Math.round(ms), peakMb: Math.round(kb / 1024) };
  };
  const reference = timed('sh', ['-c', `cat ${results}/*.json > /dev/null`]);
  const hush = join(root, 'packages/cli/bin/hush.js');
  const json = timed(process.execPath, [hush, 'org', 'merge', results, '-o', join(dir, 'org.json')]);
  const html = timed(process.execPath, [hush, 'org', 'merge', results, '--format', 'html', '-o', join(dir, 'org.html')]);
  const size = (file) => Math.round(Number(execFileSync('du', ['-sk', file], { encoding: 'utf8' }).split('\t')[0]) / 1024);
  const summary = {
    repositories: count,
    findings,
    resultsMb: size(results),
    reference,
    json: { ...json, outputMb: size(join(dir, 'org.json')) },
    html,
    jsonOverCat: Number((json.ms / reference.ms).toFixed(1)),
  };
  console.log(JSON.stringify(summary, null, 2));
  mkdirSync(join(root, '.bench-out'), { recursive: true });
  writeFileSync(join(root, '.bench-out/org-merge.json'), `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
