// The keyword prefilter at today's keyword count and at twice it (as the rule set doubles): one pass
// over the bytes for all keywords, so its throughput should barely move. Interleaved repetitions over
// the same files in one process; read the ratio.
// Usage (after a build and a bench corpus): node bench/prefilter-keywords.mjs [runs] [MB]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../packages/rules/dist/index.js';
import { compileRuleset } from '../packages/scanner/dist/detect/ruleset.js';
import { KeywordIndex } from '../packages/scanner/dist/detect/prefilter/keyword-index.js';
import { CORPUS_DIR } from './corpus.mjs';

const runs = Number(process.argv[2] ?? 5);
const budget = Number(process.argv[3] ?? 64) << 20;
const today = compileRuleset(builtinRules()).keywordIndex.keywords.map((k) => Buffer.from(k).toString('latin1'));
// As many new keywords again, of the same lengths and bytes (each one reversed), as the test does.
const all = new Set(today);
for (const k of today) {
  const other = [...k].reverse().join('');
  all.add(all.has(other) ? `${other}9` : other);
}
const doubled = [...all];

const files = [];
let bytes = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (bytes >= budget) return;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile() && statSync(path).size < 4 << 20) {
      const content = readFileSync(path);
      files.push(content);
      bytes += content.length;
    }
  }
};
walk(join(CORPUS_DIR, 'tree'));

const measure = (index) => {
  const started = process.hrtime.bigint();
  let hits = 0;
  for (const content of files) hits += index.scan(content).length / 2;
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, hits };
};
const sets = [
  ['today', today],
  ['twice', doubled],
];
const indexes = sets.map(([, keywords]) => new KeywordIndex(keywords));
indexes.forEach((index) => measure(index)); // warm up: instantiate WebAssembly, let V8 optimise
const walls = sets.map(() => []);
let hits = [];
for (let r = 0; r < runs; r++)
  indexes.forEach((index, i) => {
    const { ms, hits: h } = measure(index);
    walls[i].push(ms);
    hits[i] = h;
  });
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const mb = bytes / 1048576;
console.log(
  `keyword prefilter, ${files.length} files, ${mb.toFixed(0)} MB, median of ${runs} interleaved runs, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
);
console.log('| keywords | count | MB/s | hits |\n|---|---|---|---|');
sets.forEach(([name, keywords], i) => console.log(`| ${name} | ${keywords.length} | ${(mb / (median(walls[i]) / 1000)).toFixed(0)} | ${hits[i]} |`));
const perRun = walls[0].map((w, i) => walls[1][i] / w);
console.log(`time at twice the keywords / today, per run: ${perRun.map((v) => `${v.toFixed(2)}×`).join(', ')} (median ${median(perRun).toFixed(2)}×)`);
