/** Options every scanning command shares. */
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { FORMATS } from '../report.js';

export interface SharedArgs {
  format: string;
  output?: string;
  config?: string;
  jobs: number;
  showSecrets: boolean;
  includeSuppressed: boolean;
  baseline?: string;
}

export function sharedOptions(yargs: Argv): Argv<SharedArgs> {
  return yargs
    .option('format', { alias: 'f', choices: FORMATS as string[], default: 'text', describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file' })
    .option('config', { alias: 'c', type: 'string', describe: 'config file (default: .hush.json in the scan or repo root)' })
    .option('jobs', { alias: 'j', type: 'number', default: availableParallelism(), describe: 'worker threads' })
    .option('show-secrets', { type: 'boolean', default: false, describe: 'print secrets in full (they are redacted by default)' })
    .option('baseline', { alias: 'b', type: 'string', describe: `report only findings not in this baseline (default: ${'.hush-baseline.json'} in the root, if present)` })
    .option('include-suppressed', { type: 'boolean', default: false, describe: 'also report findings suppressed inline or by allow-lists' })
    .check((argv) => {
      if (!Number.isInteger(argv.jobs) || (argv.jobs as number) < 1) throw new Error('--jobs must be a positive whole number');
      return true;
    }) as unknown as Argv<SharedArgs>;
}
