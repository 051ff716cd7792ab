/**
 * @hush/rules: the built-in detection rules and rotation playbooks. The data lives in
 * `data/*.yaml` and is validated and compiled to `dist/builtin.json` (rules) and `dist/playbooks.json`
 * at build time, so loading either here is one JSON.parse with no schema compilation on the hot path. The linter (and ajv) is the
 * separate entry point `@hush/rules/lint`.
 */
import { readFileSync } from 'node:fs';
import { GENERIC_PLAYBOOK_ID, type Playbook, type Rule } from './schema.js';

export * from './schema.js';

interface BuiltinData {
  /** Hash of the rule and playbook data: bumps whenever detection could change. */
  version: string;
  rules: Rule[];
  /** Path class name → regex source (data/path-classes.yaml), for user rules that name classes. */
  pathClasses: Record<string, string>;
}

/** The playbooks, a file of their own: only a finding's guidance needs them (a clean hook run never reads them). */
interface PlaybookData {
  version: string;
  playbooks: Playbook[];
}

let data: BuiltinData | undefined;
let playbookData: PlaybookData | undefined;

// Both files are written as ASCII (other characters escaped): read as one-byte text, the fastest to parse.
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'latin1'));

function load(): BuiltinData {
  data ??= readJson('builtin.json') as BuiltinData;
  return data;
}

function loadPlaybooks(): PlaybookData {
  if (!playbookData) {
    const read = readJson('playbooks.json') as PlaybookData;
    // A copy from another build would give findings another build's guidance.
    if (read.version !== rulesVersion())
      throw new Error(`playbooks.json (${read.version}) does not belong to builtin.json (${rulesVersion()}): reinstall hush`);
    playbookData = read;
  }
  return playbookData;
}

export function builtinRules(): readonly Rule[] {
  return load().rules;
}

/** @internal the playbooks alone are read by tests; the run time asks by id (playbookById, playbookFor) */
export function builtinPlaybooks(): readonly Playbook[] {
  return loadPlaybooks().playbooks;
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
