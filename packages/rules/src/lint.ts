/**
 * @hush/rules/lint: the rule and playbook linter (ajv schema validation plus the checks a schema
 * cannot make). Used at build time and to validate a `.hush.json`; kept apart from the run-time entry
 * point so that loading the built-in rules never loads ajv.
 */
export { checkRules, checkPlaybooks, checkPathClasses } from './check.js';
export { checkPrecedence } from './precedence.js';
export { schemaRegistry } from './validate.js';
export type { ErrorObject as SchemaError } from 'ajv';
