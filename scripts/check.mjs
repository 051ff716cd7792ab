// Static checks run by the test command before the tests: the `check:*` scripts of package.json
// (type-check with the tests, lint, format, unused exports/files/dependencies, import cycles).
// Each runs to the end so one run names every kind of violation; any failure fails the whole check.
// Usage: node scripts/check.mjs [name…]   e.g. node scripts/check.mjs lint cycles
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const checks = Object.keys(scripts).filter((name) => name.startsWith('check:'));
const wanted = process.argv.slice(2).map((name) => `check:${name}`);
for (const name of wanted) {
  if (!checks.includes(name)) {
    console.error(`no such check: ${name.slice(6)} (checks: ${checks.map((c) => c.slice(6)).join(', ')})`);
    process.exit(2);
  }
}
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` };
const failed = [];
for (const name of wanted.length ? wanted : checks) {
  const started = Date.now();
  const result = spawnSync(scripts[name], { cwd: root, env, shell: true, stdio: 'inherit' });
  if (result.status !== 0) failed.push(name.slice(6));
  console.log(`${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
if (failed.length) {
  console.error(`checks failed: ${failed.join(', ')}`);
  process.exit(1);
}
