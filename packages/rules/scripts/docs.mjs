// Renders docs/rules.md from the compiled rule data. `node docs.mjs --check` exits 1 when the
// committed file is stale (the test suite runs that check).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { rules } = JSON.parse(readFileSync(new URL('../dist/builtin.json', import.meta.url), 'utf8'));
const { playbooks } = JSON.parse(readFileSync(new URL('../dist/playbooks.json', import.meta.url), 'utf8'));
const anchor = (id) => id.replace(/[^a-z0-9-]/g, '-');
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function renderRulesDoc() {
  const lines = [
    '# Detection rules',
    '',
    `Generated from \`packages/rules/data/\` by \`packages/rules/scripts/docs.mjs\`; do not edit by hand. ${rules.length} rules, ${playbooks.length} rotation playbooks.`,
    '',
    '| id | title | provider | severity | offline check | playbook |',
    '|---|---|---|---|---|---|',
    ...rules.map(
      (r) => `| \`${r.id}\` | ${cell(r.title)} | ${cell(r.provider ?? '')} | ${r.severity} | ${r.validator ?? '–'} | [${r.guidance}](#${anchor(r.guidance)}) |`,
    ),
    '',
    '## Rotation playbooks',
    '',
  ];
  for (const p of playbooks) {
    lines.push(`### ${p.id}`, '', `**${cell(p.title)}.** ${p.summary}`, '', ...p.steps.map((s, i) => `${i + 1}. ${s}`), '');
    if (p.instead.length) lines.push('Use instead:', '', ...p.instead.map((s) => `- ${s}`), '');
    if (p.references.length) lines.push('References:', '', ...p.references.map((s) => `- <${s}>`), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const target = `${root}docs/rules.md`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== renderRulesDoc()) {
    console.error('docs/rules.md is stale: run `node packages/rules/scripts/docs.mjs`');
    process.exit(1);
  }
} else {
  writeFileSync(target, renderRulesDoc());
  console.log(`wrote docs/rules.md (${rules.length} rules)`);
}
