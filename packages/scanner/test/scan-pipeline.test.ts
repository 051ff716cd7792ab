// The one pipeline: any source's items come back with their provenance, in the source's order of
// outcomes, content scanned by the engine and notes passed through, under the same settings.
import { describe, expect, it } from 'vitest';
import { scanSource } from '../src/scan/pipeline.js';
import type { SourceItem } from '../src/sources/source.js';
import { scanSettings } from '../src/policy/scan-settings.js';
import { tooLarge } from '../src/detect/skip-records.js';

const TOKEN = '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';
type Origin = { kind: 'file'; path: string };

describe('scanSource', () => {
  it('scans content items, passes notes through, and keeps each item’s provenance', async () => {
    // In-process: the tests run the sources, and worker threads need the built worker.
    const settings = scanSettings({ allow: { secrets: ['^never$'] } }, { workers: 'never' });
    const items: Array<SourceItem<Origin>> = [
      { provenance: { kind: 'file', path: 'a.env' }, work: { rel: 'a.env', content: Buffer.from(`token = ${TOKEN}\n`), size: 48 } },
      { provenance: { kind: 'file', path: 'big.bin' }, skipped: tooLarge('big.bin', 20, 10) },
      { provenance: { kind: 'file', path: 'b.txt' }, work: { rel: 'b.txt', content: Buffer.from('nothing here\n'), size: 13 } },
    ];
    async function* asAsync() {
      for (const item of items) yield await Promise.resolve(item);
    }
    for (const source of [
      { items, plan: 'probe' as const },
      { items: asAsync(), plan: 'small' as const },
      { items, plan: { items: 3, bytes: 61 } },
    ]) {
      const seen: string[] = [];
      const scanned = await scanSource(source, settings, ({ provenance }) => seen.push(provenance.path));
      expect(scanned.map((s) => s.provenance.path)).toEqual(['a.env', 'big.bin', 'b.txt']);
      expect(seen.sort()).toEqual(['a.env', 'b.txt', 'big.bin']);
      expect(scanned[0].outcome.findings.map((f) => f.ruleId)).toEqual(['github.classic-pat']);
      expect(scanned[1].outcome).toEqual({ findings: [], skipped: { path: 'big.bin', reason: 'too-large', detail: '20 bytes > limit 10' }, bytes: 0 });
      expect(scanned[2].outcome.findings).toEqual([]);
    }
  });

  it('settles the size cap and allow.paths once, from the config unless the caller overrides', () => {
    expect(scanSettings({}).maxFileSize).toBe(10 * 1024 * 1024);
    expect(scanSettings({ maxFileSize: 500 }).maxFileSize).toBe(500);
    expect(scanSettings({ maxFileSize: 500 }, { maxFileSize: 7 }).pool.maxFileSize).toBe(7);
    const allowed = scanSettings({ allow: { paths: ['vendor', '*.lock'] } }).allowedPath!;
    expect(['vendor/x.js', 'a/b/yarn.lock', 'src/app.ts'].map(allowed)).toEqual([true, true, false]);
    expect(scanSettings({ rules: [] }).hasUserRules).toBe(false);
  });
});
