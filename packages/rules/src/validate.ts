/**
 * Schema validation of rules and playbooks with ajv. Bad data is reported as one line per problem
 * (`<where>: <json path> <message>`), collected rather than thrown at the first one.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { playbookSchema, ruleSchema } from './schema.js';

let ajv: Ajv | undefined;
let ruleValidator: ValidateFunction | undefined;
let playbookValidator: ValidateFunction | undefined;

/** A shared ajv instance that knows the `regex` format; built on first use, as ajv compiles slowly. */
export function schemaRegistry(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addFormat('regex', { type: 'string', validate: isRegexSource });
    ajv.addSchema(ruleSchema);
    ajv.addSchema(playbookSchema);
  }
  return ajv;
}

function isRegexSource(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }
}

/** Formats ajv's first error as `<path> <message>`, naming the offending key. */
function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    return `${where} has unknown key "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  }
  if (error.keyword === 'enum') {
    return `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (error.keyword === 'format' && (error.params as { format: string }).format === 'regex') {
    return `${where} is not a valid regular expression`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

export function validateRule(value: unknown): string | undefined {
  ruleValidator ??= schemaRegistry().getSchema('hush:rule')!;
  if (ruleValidator(value)) return undefined;
  return describeAjvError(ruleValidator.errors![0]);
}

export function validatePlaybook(value: unknown): string | undefined {
  playbookValidator ??= schemaRegistry().getSchema('hush:playbook')!;
  if (playbookValidator(value)) return undefined;
  return describeAjvError(playbookValidator.errors![0]);
}
