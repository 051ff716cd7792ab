/**
 * @hush/rules: the built-in detection rules and rotation playbooks. The data lives in
 * `data/*.yaml` and is validated and compiled to `dist/builtin.json` at build time, so loading it
 * here is one JSON.parse with no schema compilation on the hot path. The linter (and ajv) is the
 * separate entry point `@hush/rules/lint`.
 */
import { readFileSync } from 'node:fs';
import { GENERIC_PLAYBOOK_ID, type Playbook, type Rule } from './schema.js';

export * from './schema.js';

interface BuiltinData {
  /** Hash of the rule and playbook data: bumps whenever detection could change. */
  version: string;
  rules: Rule[];
  playbooks: Playbook[];
  /** Path class name → regex source (data/path-classes.yaml), for user rules that name classes. */
  pathClasses: Record<string, string>;
}

let data: BuiltinData | undefined;

function load(): BuiltinData {
  // The build writes it as ASCII (other characters escaped): read as one-byte text, the fastest to parse.
  data ??= JSON.parse(readFileSync(new URL('./builtin.json', import.meta.url), 'latin1')) as BuiltinData;
  return data;
}

export function builtinRules(): readonly Rule[] {
  return load().rules;
}

/** @internal the playbooks alone are read by tests; the run time asks by id (playbookById, playbookFor) */
export function builtinPlaybooks(): readonly Playbook[] {
  return load().playbooks;
}

/** The named path classes built-in rules refer to; user rules may name them too. */
export function builtinPathClasses(): Readonly<Record<string, string>> {
  return load().pathClasses;
}

/** Changes whenever the built-in rules or playbooks change (used by caches and SARIF tool versions). */
export function rulesVersion(): string {
  return load().version;
}

let playbookIndex: Map<string, Playbook> | undefined;

export function playbookById(): Map<string, Playbook> {
  playbookIndex ??= new Map(builtinPlaybooks().map((p) => [p.id, p]));
  return playbookIndex;
}

/** The playbook for a rule; rules without one (user rules) get the generic playbook. */
export function playbookFor(rule: Pick<Rule, 'guidance'>): Playbook {
  const index = playbookById();
  return index.get(rule.guidance ?? GENERIC_PLAYBOOK_ID) ?? index.get(GENERIC_PLAYBOOK_ID)!;
}
