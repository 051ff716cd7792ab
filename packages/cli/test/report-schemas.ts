// The published JSON Schemas of hush's reports (packages/scanner/schema), compiled once with ajv.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { repoRoot } from '../../../test-support/helpers.js';

const schemaDir = join(repoRoot, 'packages/scanner/schema');
let ajv: Ajv2020 | undefined;

/** Problems of `value` against schema/<name>.schema.json ([] when it validates). */
export function schemaErrors(name: 'report' | 'org-result' | 'org-report', value: unknown): string[] {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
    for (const file of readdirSync(schemaDir)) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')));
  }
  const validate = ajv.getSchema(`https://github.com/hush-scanner/hush/schema/${name}.schema.json`)!;
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
