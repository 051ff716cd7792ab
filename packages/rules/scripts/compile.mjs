// Validates the rule and playbook YAML under data/ (the service table compiled to rules first) and writes dist/builtin.json and dist/playbooks.json.
// Fails the build (exit 1) listing every problem, so a bad rule never reaches a scan.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkPathClasses, checkPlaybooks, checkPrecedence, checkRules } from '../dist/lint.js';
import { withPathClasses } from '../dist/index.js';
import { asciiJson } from './ascii-json.mjs';
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
const sourceRules = [...readAll('rules'), ...services.rules];
const classEntries = parse(readFileSync(join(root, 'data', 'path-classes.yaml'), 'utf8'));
const problems = [...services.problems, ...checkPathClasses(classEntries)];
problems.push(...checkPlaybooks(playbooks));
problems.push(...checkRules(sourceRules, new Map(playbooks.map((p) => [p.id, p])), { builtin: true }));
// Rules as the scanner sees them: named path classes folded into skipPaths (no YAML at run time).
const pathClasses = Object.fromEntries(Object.entries(classEntries ?? {}).map(([name, c]) => [name, c.pattern]));
const rules = problems.length ? sourceRules : sourceRules.map((rule) => withPathClasses(rule, pathClasses));
if (!problems.length) problems.push(...checkPrecedence(rules));
const used = new Set(rules.map((r) => r.guidance));
for (const p of playbooks) if (!used.has(p.id) && p.id !== 'generic-secret') problems.push(`playbook ${p.id}: used by no rule`);
if (problems.length) {
  console.error(`${problems.length} problem(s) in packages/rules/data:\n${problems.join('\n')}`);
  process.exit(1);
}
const body = JSON.stringify({ rules, playbooks, pathClasses });
const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
// Two files: what scanning needs, read by every run, and the playbooks, read only when a finding needs
// its guidance (a clean pre-commit run never parses them). Both carry the version, so a mismatched pair
// (a copy of one file from another build) is refused rather than used.
writeFileSync(join(root, 'dist', 'builtin.json'), asciiJson({ version, rules, pathClasses }));
writeFileSync(join(root, 'dist', 'playbooks.json'), asciiJson({ version, playbooks }));
console.log(`rules: ${rules.length} rules, ${playbooks.length} playbooks, version ${version}`);
