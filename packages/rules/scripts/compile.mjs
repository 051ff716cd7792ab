// Validates the rule and playbook YAML under data/ (the service table compiled to rules first) and writes dist/builtin.json.
// Fails the build (exit 1) listing every problem, so a bad rule never reaches a scan.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkPlaybooks, checkRules } from '../dist/lint.js';
import { compileServices } from './services.mjs';

const root = new URL('..', import.meta.url).pathname;

function readAll(folder) {
  const dir = join(root, 'data', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap((name) => {
      const parsed = parse(readFileSync(join(dir, name), 'utf8'));
      if (!Array.isArray(parsed)) throw new Error(`data/${folder}/${name}: expected a list`);
      return parsed;
    });
}

const services = compileServices(readAll('services'));
const playbooks = [...readAll('playbooks'), ...services.playbooks];
const rules = [...readAll('rules'), ...services.rules];
const problems = [...services.problems, ...checkPlaybooks(playbooks)];
problems.push(...checkRules(rules, new Map(playbooks.map((p) => [p.id, p])), { builtin: true }));
const used = new Set(rules.map((r) => r.guidance));
for (const p of playbooks) if (!used.has(p.id) && p.id !== 'generic-secret') problems.push(`playbook ${p.id}: used by no rule`);
if (problems.length) {
  console.error(`${problems.length} problem(s) in packages/rules/data:\n${problems.join('\n')}`);
  process.exit(1);
}
const body = JSON.stringify({ rules, playbooks });
const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
writeFileSync(join(root, 'dist', 'builtin.json'), JSON.stringify({ version, rules, playbooks }));
console.log(`rules: ${rules.length} rules, ${playbooks.length} playbooks, version ${version}`);
