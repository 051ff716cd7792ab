// The audit cache grows by appending: a later audit adds the blobs it scanned after what is there
// (the file is never rewritten whole), the file stays one JSON document, an audit stopped mid-write
// costs only the entry it was writing, and a cache written under other rules or settings is never used.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, initRepo } from './git-helpers.js';
import { perTestTemp, runHush } from './helpers.js';

const TOKEN = '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';
const NPM = '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';
const temp = perTestTemp();

async function audit(dir: string, ...args: string[]) {
  const run = await runHush(['audit', dir, '-f', 'json', ...args]);
  expect(run.code, run.stderr).toBe(1);
  return JSON.parse(run.stdout) as { findings: Array<{ path: string; line: number; ruleId: string }>; stats: { blobsScanned: number; blobsCached: number } };
}
const places = (report: { findings: Array<{ path: string; line: number; ruleId: string }> }) => report.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`);

describe('audit cache', () => {
  it('appends what a later audit scanned, stays one JSON document, and survives an append cut short', async () => {
    const dir = initRepo(temp.dir('hush-cache-'));
    const cachePath = join(dir, '.git/hush/audit-cache.json');
    commit(dir, { '.env': `GITHUB_TOKEN=${TOKEN}\n`, 'a.txt': 'a\n' }, 'one');
    const first = await audit(dir);
    expect(first.stats.blobsScanned).toBe(2);
    const before = readFileSync(cachePath, 'utf8');

    commit(dir, { 'keys.env': `NPM_TOKEN=${NPM}\n`, 'b.txt': 'b\n' }, 'two');
    const second = await audit(dir);
    expect(second.stats.blobsScanned).toBe(2);
    expect(second.stats.blobsCached).toBe(2);
    const after = readFileSync(cachePath, 'utf8');
    // The earlier entries are where they were: only the closing line was written over.
    const closing = '"":[]}}\n';
    expect(after.startsWith(before.slice(0, -closing.length))).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
    expect(Object.keys(JSON.parse(after).blobs)).toHaveLength(5); // four blobs and the closing entry
    expect(after).not.toContain(TOKEN);
    expect(after).not.toContain(NPM);

    // An audit stopped while appending: the last entry is cut mid-line. The intact ones still count.
    const lines = after.split('\n');
    writeFileSync(cachePath, `${lines.slice(0, -3).join('\n')}\n${lines[lines.length - 3].slice(0, 20)}`);
    const third = await audit(dir);
    expect(third.stats.blobsScanned).toBe(1);
    expect(third.stats.blobsCached).toBe(3);
    expect(places(third)).toEqual(places(second));
    // Repaired: the intact entries and the one scanned again, closed as one document.
    expect(Object.keys(JSON.parse(readFileSync(cachePath, 'utf8')).blobs)).toHaveLength(5);
  });

  it('never uses a cache written under another rules version or settings', async () => {
    const dir = initRepo(temp.dir('hush-cache-'));
    const cachePath = join(dir, '.git/hush/audit-cache.json');
    commit(dir, { '.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'one');
    const fresh = await audit(dir);
    const text = readFileSync(cachePath, 'utf8');
    const key = (JSON.parse(text) as { key: string }).key;
    // The same entries under another key (another rules version): every blob is scanned again, and
    // an entry claiming the blob is clean is not believed.
    const forged = text
      .replace(
        key,
        key.replace(/^./, (c) => (c === '0' ? '1' : '0')),
      )
      .replace(/:\[\{.*\}\],\n/, ':[],\n');
    expect(forged).not.toContain('"ruleId"');
    writeFileSync(cachePath, forged);
    const again = await audit(dir);
    expect(again.stats.blobsScanned).toBe(fresh.stats.blobsScanned);
    expect(again.stats.blobsCached).toBe(0);
    expect(places(again)).toEqual(places(fresh));
    // A different size cap is another key too.
    const capped = await audit(dir, '--max-file-size', '1000000');
    expect(capped.stats.blobsCached).toBe(0);
  });
});
