/** `hush scan [paths..]`: the working tree (or given files) through the scanner. */
import { scanPaths } from '@hush/scanner';
import type { Argv } from 'yargs';
import { writeReport, type Io } from '../io.js';
import { exitCodeFor, render, withBaseline, type Format } from '../report.js';
import { sharedOptions, type SharedArgs } from './shared.js';

export interface ScanArgs extends SharedArgs {
  paths?: string[];
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
}

export function scanBuilder(yargs: Argv): Argv<ScanArgs> {
  return sharedOptions(yargs)
    .positional('paths', { type: 'string', array: true, describe: 'files, directories or globs (default: .)' })
    .option('include', { type: 'string', array: true, describe: 'only scan paths matching these globs' })
    .option('exclude', { type: 'string', array: true, describe: 'skip paths matching these globs' })
    .option('max-file-size', { type: 'number', describe: 'skip files larger than this many bytes (default 10 MB)' }) as unknown as Argv<ScanArgs>;
}

export async function runScan(args: ScanArgs, io: Io): Promise<number> {
  const result = await scanPaths({
    targets: args.paths,
    cwd: io.cwd,
    configFile: args.config,
    jobs: args.jobs,
    include: args.include,
    exclude: args.exclude,
    maxFileSize: args.maxFileSize,
    includeSuppressed: args.includeSuppressed,
  });
  const final = withBaseline(result, io, args.baseline, args.includeSuppressed);
  writeReport(io, render(final, { format: args.format as Format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io), args.output);
  return exitCodeFor(final);
}
