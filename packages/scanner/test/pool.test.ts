// Real worker threads give the same findings as the in-process path.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinRules } from '@hush/rules';
// The built pool: its worker threads run the built worker.
import { ScanPool, scanFiles } from '../dist/run/pool.js';
import { walkFiles } from '../dist/sources/fs.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const dir = mkdtempSync(join(tmpdir(), 'hush-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('worker pool', () => {
  it('scans 300 files on 2 workers with the same results as in-process', async () => {
    for (let i = 0; i < 300; i++) {
      mkdirSync(join(dir, `d${i % 7}`), { recursive: true });
      const body = i % 10 === 0 ? `token=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\n` : `const x${i} = ${i};\n`;
      writeFileSync(join(dir, `d${i % 7}`, `f${i}.js`), `// file ${i}\n${body}`);
    }
    const { files } = walkFiles(dir, [dir]);
    expect(files).toHaveLength(300);
    const options = { rules: [...builtinRules()], jobs: 2, maxFileSize: 1 << 20, allowSecrets: [], stopwords: [] };
    const threaded = await scanFiles(files, { ...options, workers: 'always' });
    const inProcess = await scanFiles(files, { ...options, workers: 'never' });
    const summary = (outcomes: typeof threaded) => outcomes.flatMap((o) => o.findings.map((f) => `${f.path}:${f.line}:${f.column}:${f.ruleId}`));
    expect(summary(threaded)).toHaveLength(30);
    expect(summary(threaded)).toEqual(summary(inProcess));
  });

  it('starts workers as the work needs them: one for a few files at --jobs 8, all eight for many', async () => {
    const options = { rules: [...builtinRules()], jobs: 8, maxFileSize: 1 << 20, allowSecrets: [], stopwords: [] };
    const item = (i: number) => {
      const text = i % 50 === 0 ? `token=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\n` : `const x${i} = ${i};\n`;
      return { rel: `f${i}.js`, content: Buffer.from(text), size: text.length };
    };
    const run = async (count: number) => {
      const pool = new ScanPool(options, true);
      try {
        const outcomes = await Promise.all(Array.from({ length: count }, (_, i) => pool.scan(item(i))));
        return { workers: pool.workers, found: outcomes.filter((o) => o.findings.length).length };
      } finally {
        await pool.close();
      }
    };
    expect(await run(40)).toEqual({ workers: 1, found: 1 });
    expect(await run(3000)).toEqual({ workers: 8, found: 60 });
  });
});
