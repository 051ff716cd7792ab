/** Validation of `.hush.json` with ajv (loaded on demand by config.ts). */
import { builtinRules, checkRules, describeAjvError, playbookById, schemaRegistry } from '@hush/rules';
import { ConfigError, type HushConfig } from './config.js';

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
    fileTimeoutMs: { type: 'integer', minimum: 10 },
  },
} as const;

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

