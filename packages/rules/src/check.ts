/**
 * The rule linter: checks what the schema cannot (unique ids, compiling patterns, a capture for the
 * secret, a known playbook) and collects every problem instead of stopping at the first.
 */
import { CONTEXT_GROUPS, PATH_CLASSES, type Playbook, type Rule } from './schema.js';
import { quantifierProblems, UNBOUNDED_BEFORE_LINT } from './quantifiers.js';
import { validatePlaybook, validateRule } from './validate.js';

export interface CheckOptions {
  /** Built-in rules must carry keywords, counter-examples and a playbook; user rules need not. */
  builtin: boolean;
}

export function checkRules(rules: unknown[], playbooks: Map<string, Playbook>, options: CheckOptions): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  rules.forEach((candidate, index) => {
    const label = `rule #${index + 1}${isRecord(candidate) && typeof candidate.id === 'string' ? ` (${candidate.id})` : ''}`;
    const schemaProblem = validateRule(candidate);
    if (schemaProblem) {
      problems.push(`${label}: ${schemaProblem}`);
      return;
    }
    const rule = candidate as Rule;
    if (seen.has(rule.id)) problems.push(`${label}: duplicate id`);
    seen.add(rule.id);
    if (rule.pattern !== undefined) {
      const compiled = compileOrNull(rule.pattern, rule.flags);
      if (!compiled) problems.push(`${label}: pattern does not compile`);
      else if (!/\((?!\?[:=!<])|\(\?<[A-Za-z]/.test(rule.pattern)) problems.push(`${label}: pattern has no capture group for the secret`);
      // Built-in rules must match in linear time; user rules run under the workers' watchdog instead.
      if (compiled && options.builtin)
        for (const problem of quantifierProblems(rule.pattern, !UNBOUNDED_BEFORE_LINT.has(rule.id))) problems.push(`${label}: pattern: ${problem}`);
    }
    for (const source of rule.allow ?? []) {
      if (!compileOrNull(source, 'i')) problems.push(`${label}: allow pattern ${JSON.stringify(source)} does not compile`);
    }
    if (rule.context !== undefined && !compileOrNull(rule.context, 'i')) problems.push(`${label}: context pattern does not compile`);
    for (const [name, source] of Object.entries(rule.partners ?? {})) {
      const compiled = compileOrNull(source, 'i');
      if (!compiled) problems.push(`${label}: partner ${name} does not compile`);
      else if (!/\((?!\?[:=!<])|\(\?<[A-Za-z]/.test(source)) problems.push(`${label}: partner ${name} has no capture group for its value`);
    }
    if (rule.guidance !== undefined && !playbooks.has(rule.guidance)) problems.push(`${label}: unknown playbook "${rule.guidance}"`);
    // A repository's rule must not send what it matches to a provider: verification is built-in only.
    if (!options.builtin && rule.verify !== undefined) problems.push(`${label}: verify is only for built-in rules`);
    if (options.builtin) {
      if (!rule.guidance) problems.push(`${label}: built-in rules need a playbook`);
      // A rule limited to files by name (`paths`) may go without: the name is its prefilter (pppd's
      // `chap-secrets` lines share no word), and it reads only the files so named.
      if (rule.pattern && !rule.keywords?.length && rule.paths === undefined) problems.push(`${label}: built-in rules need keywords`);
      if ((rule.counterExamples?.length ?? 0) < 2) problems.push(`${label}: built-in rules need at least 2 counter-examples`);
      if (rule.examples.length < 2) problems.push(`${label}: built-in rules need at least 2 examples`);
      if (rule.pattern !== undefined) for (const problem of unnamedAlternatives(rule)) problems.push(`${label}: ${problem}`);
      if (!rule.provider) problems.push(`${label}: built-in rules need a provider`);
    }
  });
  return problems;
}

export function checkPlaybooks(playbooks: unknown[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  playbooks.forEach((candidate, index) => {
    const label = `playbook #${index + 1}${isRecord(candidate) && typeof candidate.id === 'string' ? ` (${candidate.id})` : ''}`;
    const problem = validatePlaybook(candidate);
    if (problem) problems.push(`${label}: ${problem}`);
    else if (seen.has((candidate as Playbook).id)) problems.push(`${label}: duplicate id`);
    else seen.add((candidate as Playbook).id);
  });
  return problems;
}

/** data/path-classes.yaml: every class the schema names, each a description and a compiling pattern. */
export function checkPathClasses(classes: unknown): string[] {
  if (!isRecord(classes)) return ['path classes: expected a mapping of class name to { description, pattern }'];
  const problems: string[] = [];
  for (const name of PATH_CLASSES) if (!(name in classes)) problems.push(`path class ${name}: not defined`);
  for (const [name, entry] of Object.entries(classes)) {
    if (!(PATH_CLASSES as readonly string[]).includes(name)) problems.push(`path class ${name}: unknown (add it to PATH_CLASSES)`);
    else if (!isRecord(entry) || typeof entry.pattern !== 'string' || typeof entry.description !== 'string')
      problems.push(`path class ${name}: needs a description and a pattern`);
    else if (!compileOrNull(entry.pattern, 'i')) problems.push(`path class ${name}: pattern does not compile`);
  }
  return problems;
}

/**
 * A pattern with a `secret` group whose examples match through an alternative that names no value
 * of its own: the engine would report that alternative's whole match, prefix and all, as the secret.
 */
function unnamedAlternatives(rule: Rule): string[] {
  if (!/\(\?<secret>/.test(rule.pattern!)) return [];
  const regex = compileOrNull(rule.pattern!, `g${(rule.flags ?? '').replace('g', '')}`);
  if (!regex) return [];
  const problems: string[] = [];
  for (const example of rule.examples) {
    for (const match of example.matchAll(regex)) {
      const groups = match.groups ?? {};
      if (!Object.entries(groups).some(([name, value]) => value !== undefined && !CONTEXT_GROUPS.has(name)))
        problems.push(
          `example ${JSON.stringify(example.slice(0, 60))} matches an alternative that names no group for its value (wrap the value in a named group)`,
        );
    }
  }
  return problems;
}

function compileOrNull(source: string, flags = ''): RegExp | null {
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
