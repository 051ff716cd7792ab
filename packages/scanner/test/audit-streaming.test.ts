// The audit's path from `git cat-file --batch` to the worker threads: blobs of every size (empty,
// tiny, spread over many pipe reads, larger than one read), read once, handed to workers without
// copies, and the same findings as the in-process path. A blob scanned under two classes of paths
// (`.env` and `app.js`) is handed over twice: the first hand-over must not take it from the second.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditRepository } from '@hush/scanner';
import { readBlobs } from '../dist/sources/git-objects.js';
import { readBlobsOnThread } from '../dist/sources/blob-reader.js';
import { historySource } from '../dist/sources/history.js';
import type { BlobOrigin } from '../dist/sources/git-history.js';
import { commit, git, initRepo } from '../../../test-support/git.js';

const dir = mkdtempSync(join(tmpdir(), 'hush-audit-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = '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';
const filler = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `const v${seed}_${i} = compute(${i});`).join('\n');

describe('audit streaming into workers', () => {
  mkdirSync(join(dir, 'repo'));
  const repo = initRepo(join(dir, 'repo'));
  // 150 small files, a few large ones (several 64 KB pipe reads each), an empty one.
  const files: Record<string, string> = { 'empty.txt': '' };
  for (let i = 0; i < 150; i++) files[`src/small${i}.js`] = `${filler(3, i)}\n${i % 50 === 0 ? `const token = "${TOKEN}";\n` : ''}`;
  for (let i = 0; i < 3; i++) files[`src/large${i}.js`] = `${filler(8000 + i * 3000, 1000 + i)}\nGITHUB_TOKEN=${TOKEN}\n${filler(500, 2000 + i)}\n`;
  // One large blob at two paths that path-dependent rules tell apart: scanned twice.
  const shared = `${filler(3000, 99)}\nGITHUB_TOKEN=${TOKEN}\n`;
  files['app.js'] = shared;
  files['.env'] = shared;
  commit(repo, files, 'import');

  it('reads every blob exactly once, in request order, byte for byte', async () => {
    const oids = git(repo, 'rev-list', '--objects', '--all')
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, path]) => path !== undefined && path.includes('.'))
      .map(([oid]) => oid);
    const expected = oids.map((oid) => git(repo, 'cat-file', '-s', oid));
    const seen: string[] = [];
    const sizes: string[] = [];
    for await (const blob of readBlobs(repo, [...oids, '0'.repeat(40)])) {
      seen.push(blob.oid);
      if (!('missing' in blob)) sizes.push(String(blob.content.length));
    }
    expect(seen).toEqual([...oids, '0'.repeat(40)]);
    expect(sizes).toEqual(expected);
  });

  const blobIds = () =>
    git(repo, 'rev-list', '--objects', '--all')
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, path]) => path !== undefined && path.includes('.'))
      .map(([oid]) => oid);

  it('reads on a thread of its own exactly what it reads here: every blob once, in request order, byte for byte', async () => {
    const oids = [...blobIds(), '0'.repeat(40)];
    expect(oids.length).toBeGreaterThan(100);
    const read = async (blobs: AsyncIterable<{ oid: string; content?: Buffer }>) => {
      const seen: Array<[string, string]> = [];
      for await (const blob of blobs) seen.push([blob.oid, blob.content ? Buffer.from(blob.content).toString('base64') : 'missing']);
      return seen;
    };
    const here = await read(readBlobs(repo, oids));
    const onThread = await read(readBlobsOnThread(repo, oids));
    expect(onThread.map(([oid]) => oid)).toEqual(oids);
    expect(onThread).toEqual(here);
  });

  it('ends the reading thread and its git when the reader stops early', async () => {
    // git processes of this test process (the reading thread's children are the process's).
    const gits = () =>
      readdirSync('/proc')
        .filter((pid) => /^\d+$/.test(pid))
        .filter((pid) => {
          try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            return stat.includes('(git)') && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
          } catch {
            return false;
          }
        });
    let taken = 0;
    for await (const blob of readBlobsOnThread(repo, blobIds())) {
      expect(blob.oid).toMatch(/^[0-9a-f]{40}$/);
      if (++taken === 3) break;
    }
    expect(taken).toBe(3);
    for (let i = 0; i < 40 && gits().length; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gits()).toEqual([]);
  });

  it('hands each blob over with its id to check only where the outcome will be cached under that id', async () => {
    const oid = git(repo, 'rev-parse', 'HEAD:src/small0.js').trim();
    const origin = { oid, key: oid, commit: { path: 'src/small0.js' } } as unknown as BlobOrigin;
    const units = new Map([[oid, origin]]);
    const handed = async (checkIds: boolean) => {
      const works = [];
      for await (const item of historySource(repo, units, [oid], { items: 1, bytes: 0 }, checkIds).items) if ('work' in item) works.push(item.work);
      return works;
    };
    const [cached] = await handed(true);
    const uncached = await handed(false);
    expect(cached?.contentId).toBe(oid);
    expect(uncached).toHaveLength(1);
    expect(uncached[0]).not.toHaveProperty('contentId');
    expect(Buffer.from(uncached[0].content!).toString()).toContain(TOKEN);
  });

  it('finds the same secrets with and without the cache (ids checked or not)', async () => {
    const summary = (r: Awaited<ReturnType<typeof auditRepository>>) => r.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`).sort();
    const cached = await auditRepository({ repo, cache: true, jobs: 2, workers: 'always' });
    const uncached = await auditRepository({ repo, cache: false, jobs: 2, workers: 'always' });
    expect(summary(cached).length).toBeGreaterThan(0);
    expect(summary(uncached)).toEqual(summary(cached));
  });

  it('finds the same secrets on two workers as in-process, the shared blob under both paths', async () => {
    const summary = (r: Awaited<ReturnType<typeof auditRepository>>) => r.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`).sort();
    const threaded = await auditRepository({ repo, cache: false, jobs: 2, workers: 'always' });
    const inProcess = await auditRepository({ repo, cache: false, jobs: 1, workers: 'never' });
    expect(threaded.skipped.filter((s) => s.reason !== 'binary')).toEqual([]);
    expect(summary(threaded)).toEqual(summary(inProcess));
    const paths = new Set(threaded.findings.filter((f) => f.ruleId.startsWith('github')).map((f) => f.path));
    expect(paths).toEqual(new Set(['src/small0.js', 'src/small50.js', 'src/small100.js', 'src/large0.js', 'src/large1.js', 'src/large2.js', 'app.js', '.env']));
  });
});
