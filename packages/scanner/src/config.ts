/**
 * `.hush.json`: user rules, disabled rules, allow-lists and limits, validated with ajv. Any problem
 * becomes one ConfigError line naming the file, the key and why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtinRules, checkRules, describeAjvError, playbookById, schemaRegistry, type Rule } from '@hush/rules';

export interface HushConfig {
  /** Extra rules in the built-in rule schema. */
  rules?: Rule[];
  /** Rule ids to turn off. */
  disable?: string[];
  allow?: {
    /** picomatch globs of paths never to scan. */
    paths?: string[];
    /** Regexes: a secret matching any is not reported. */
    secrets?: string[];
    /** Case-insensitive substrings: a secret containing any is not reported. */
    stopwords?: string[];
  };
  /** Files larger than this many bytes are skipped with a note (default 10 MB). */
  maxFileSize?: number;
  /** Milliseconds one file may take before scanning it is abandoned with a note (default 30000). */
  fileTimeoutMs?: number;
}

export const CONFIG_FILE = '.hush.json';
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const configSchema = {
  $id: 'hush:config',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    rules: { type: 'array', items: { $ref: 'hush:rule' } },
    disable: { type: 'array', items: { type: 'string', minLength: 1 } },
    allow: {
      type: 'object',
      additionalProperties: false,
      properties: {
        paths: { type: 'array', items: { type: 'string', minLength: 1 } },
        secrets: { type: 'array', items: { type: 'string', minLength: 1, format: 'regex' } },
        stopwords: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    maxFileSize: { type: 'integer', minimum: 1 },
    fileTimeoutMs: { type: 'integer', minimum: 10 },
  },
} as const;

/** Finds the config: an explicit file, else `.hush.json` in the scan root, else in the repo root. */
export function findConfigFile(explicit: string | undefined, roots: string[]): string | undefined {
  if (explicit) {
    const path = resolve(explicit);
    if (!existsSync(path)) throw new ConfigError(`config file not found: ${explicit}`);
    return path;
  }
  for (const root of roots) {
    const candidate = join(root, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function loadConfig(path: string | undefined): HushConfig {
  if (!path) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? `invalid JSON (${error.message})` : `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new ConfigError(`${path}: ${why}`);
  }
  return validateConfig(raw, path);
}

export function validateConfig(raw: unknown, label: string): HushConfig {
  const ajv = schemaRegistry();
  const validate = ajv.getSchema('hush:config') ?? ajv.compile(configSchema);
  if (!validate(raw)) {
    throw new ConfigError(`${label}: ${describeAjvError(validate.errors![0]).replace(/^\//, '')}`);
  }
  const config = raw as HushConfig;
  if (config.rules?.length) {
    const problems = checkRules(config.rules, playbookById(), { builtin: false });
    const builtinIds = new Set(builtinRules().map((r) => r.id));
    config.rules.forEach((rule, i) => {
      if (builtinIds.has(rule.id)) problems.push(`rule #${i + 1} (${rule.id}): id clashes with a built-in rule`);
    });
    if (problems.length) throw new ConfigError(`${label}: rules: ${problems[0]}`);
  }
  const known = new Set([...builtinRules().map((r) => r.id), ...(config.rules ?? []).map((r) => r.id)]);
  const unknown = (config.disable ?? []).find((id) => !known.has(id));
  if (unknown) throw new ConfigError(`${label}: disable: no rule with id "${unknown}"`);
  return config;
}

/** Built-in rules plus the config's, minus the disabled ones. */
export function effectiveRules(config: HushConfig): Rule[] {
  const disabled = new Set(config.disable ?? []);
  return [...builtinRules(), ...(config.rules ?? [])].filter((rule) => !disabled.has(rule.id));
}
