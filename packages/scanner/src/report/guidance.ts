/** Playbook text for findings, shared by every reporter. */
import { playbookFor, type Playbook, type Rule } from '@hush/rules';
import { CONFIG_CHANGE_ADVICE, CONFIG_CHANGE_RULE_ID } from '../config/trusted-config.js';

/** What a finding carries of its playbook: the playbook's text without its id and title. */
export type Guidance = Pick<Playbook, 'summary' | 'steps' | 'instead' | 'references'>;

export function guidanceFor(rule: Rule | undefined): Guidance {
  // Not a secret: nothing to rotate, a change to review.
  if (rule?.id === CONFIG_CHANGE_RULE_ID) return { summary: rule.description, steps: [CONFIG_CHANGE_ADVICE], instead: [], references: [] };
  const playbook: Playbook = playbookFor(rule ?? {});
  return { summary: playbook.summary, steps: playbook.steps, instead: playbook.instead, references: playbook.references };
}

export function playbookMarkdown(rule: Rule, playbook: Playbook = playbookFor(rule)): string {
  const lines = [
    `**${rule.title}**: ${rule.description}`,
    '',
    `**What leaked.** ${playbook.summary}`,
    '',
    '**Rotate it now** (removing the line does not revoke it; it stays in git history):',
    ...playbook.steps.map((step, i) => `${i + 1}. ${step}`),
  ];
  if (playbook.instead.length) lines.push('', '**Use instead:**', ...playbook.instead.map((s) => `- ${s}`));
  if (playbook.references.length) lines.push('', '**References:**', ...playbook.references.map((r) => `- <${r}>`));
  return lines.join('\n');
}

export function playbookText(rule: Rule, playbook: Playbook = playbookFor(rule)): string {
  const lines = [
    `${rule.title}: ${rule.description}`,
    '',
    `What leaked: ${playbook.summary}`,
    '',
    'Rotate it now (removing the line does not revoke it; it stays in git history):',
    ...playbook.steps.map((step, i) => `  ${i + 1}. ${step}`),
  ];
  if (playbook.instead.length) lines.push('', 'Use instead:', ...playbook.instead.map((s) => `  - ${s}`));
  if (playbook.references.length) lines.push('', 'References:', ...playbook.references.map((r) => `  - ${r}`));
  return lines.join('\n');
}

export function ruleIndex(rules: readonly Rule[]): Map<string, Rule> {
  return new Map(rules.map((r) => [r.id, r]));
}
