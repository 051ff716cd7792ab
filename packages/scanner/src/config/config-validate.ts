/** Validation of `.hush.json` with ajv (loaded on demand by config.ts). */
import { builtinRules, playbookById } from '@hush/rules';
import { checkRules, schemaRegistry, type SchemaError } from '@hush/rules/lint';
import { MAX_FILE_TIMEOUT_MS, type HushConfig } from './config-shape.js';
import { ConfigError } from '../errors.js';
import { endpointProblems } from '../verify/endpoints.js';

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
    hook: { type: 'object', additionalProperties: false, properties: { blockOnSkipped: { type: 'boolean' } } },
    fileTimeoutMs: { type: 'integer', minimum: 10, maximum: MAX_FILE_TIMEOUT_MS },
    incompleteScan: { enum: ['fail', 'warn'] },
    verify: {
      type: 'object',
      additionalProperties: false,
      properties: {
        endpoints: { type: 'object', additionalProperties: { type: 'string' } },
        hook: { type: 'boolean' },
        timeoutMs: { type: 'integer', minimum: 100, maximum: 60_000 },
        concurrency: { type: 'integer', minimum: 1, maximum: 32 },
      },
    },
  },
} as const;

export function validateConfig(raw: unknown, label: string): HushConfig {
  const ajv = schemaRegistry();
  const validate = ajv.getSchema('hush:config') ?? ajv.compile(configSchema);
  if (!validate(raw)) {
    throw new ConfigError(`${label}: ${describeConfigError(validate.errors![0], raw)}`);
  }
  const config = raw as HushConfig;
  const endpointProblem = endpointProblems(config.verify?.endpoints ?? {})[0];
  if (endpointProblem) throw new ConfigError(`${label}: ${endpointProblem}`);
  if (config.rules?.length) {
    const problems = checkRules(config.rules, playbookById(), { builtin: false });
    const builtinIds = new Set(builtinRules().map((r) => r.id));
    config.rules.forEach((rule, i) => {
      if (builtinIds.has(rule.id)) problems.push(`rule #${i + 1}: its id clashes with a built-in rule`);
    });
    if (problems.length) throw new ConfigError(`${label}: rules: ${withoutValues(problems[0])}`);
  }
  const known = new Set([...builtinRules().map((r) => r.id), ...(config.rules ?? []).map((r) => r.id)]);
  const unknown = (config.disable ?? []).findIndex((id) => !known.has(id));
  if (unknown >= 0) throw new ConfigError(`${label}: disable: entry #${unknown + 1} is not the id of any rule (see hush rules list)`);
  return config;
}

/*
 * Config errors name where and what, never a value: a key or entry may be a secret pasted in the
 * wrong place, and error lines end up in CI logs. Unknown keys are named by their position.
 */
function describeConfigError(error: SchemaError, raw: unknown): string {
  const path = error.instancePath.replace(/^\//, '');
  const where = path || 'top level';
  if (error.keyword === 'additionalProperties') {
    const parent = valueAt(raw, error.instancePath);
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const position = parent && typeof parent === 'object' ? Object.keys(parent).indexOf(key) + 1 : 0;
    const known = knownKeys(path);
    const where = path ? `${path}: key` : 'top-level key';
    // A near miss of one of hush's own keys is a typo, not a pasted secret: it may be named.
    const nearest = known ? nearestKey(key, known.split(', ')) : undefined;
    if (nearest) return `${where} #${position} (${key}) is not a known setting; did you mean ${nearest}?`;
    return `${where} #${position} is not a known setting${known ? ` (expected ${known})` : ''}`;
  }
  if (error.keyword === 'format' && (error.params as { format: string }).format === 'regex') return `${where} is not a valid regular expression`;
  if (error.keyword === 'enum')
    return `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  // ajv's own messages speak of the schema (types, limits, required keys), never of the data.
  return `${where} ${error.message ?? 'is invalid'}`;
}

function knownKeys(path: string): string | undefined {
  const properties = path === '' ? configSchema.properties : path === 'allow' ? configSchema.properties.allow.properties : undefined;
  return (
    properties &&
    Object.keys(properties)
      .filter((k) => k !== '$schema')
      .join(', ')
  );
}

/** The known key `key` is a typo of (at most a third of its letters off, a swap counting once), if any. */
function nearestKey(key: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= Math.max(1, Math.floor(name.length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function valueAt(raw: unknown, pointer: string): unknown {
  let current = raw;
  for (const part of pointer.split('/').slice(1)) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/** Drops a rule id in parentheses and any quoted value from a problem reported by the rules package. */
function withoutValues(problem: string): string {
  return problem
    .replace(/^(rule #\d+) \([^)]*\)/, '$1')
    .replace(/ has unknown key "(?:[^"\\]|\\.)*"/, ' has an unknown key')
    .replace(/ "(?:[^"\\]|\\.)*"/g, '');
}
