/** `hush rules list` and `hush rules show <id>`: what hush detects and how to rotate it. */
import { playbookFor } from '@hush/rules';
import { playbookText } from '@hush/scanner';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { ruleCatalogue } from './rule-catalogue.js';

export async function runRulesList(io: Io, format: 'text' | 'json', config?: string): Promise<number> {
  const rules = (await ruleCatalogue(io, config)).inEffect;
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify(
        rules.map((r) => ({ id: r.id, title: r.title, provider: r.provider, severity: r.severity, validator: r.validator ?? null, playbook: r.guidance })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  for (const rule of rules) io.stdout(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.title}\n`);
  io.stdout(`${rules.length} rules\n`);
  return 0;
}

export async function runRulesShow(io: Io, id: string, config?: string): Promise<number> {
  const rule = (await ruleCatalogue(io, config)).find(id);
  if (!rule) throw new UsageError(`no rule with id "${id}" (see \`hush rules list\`)`);
  const lines = [`${rule.id} (${rule.severity}${rule.validator ? `, offline check: ${rule.validator}` : ''})`, '', playbookText(rule, playbookFor(rule))];
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
