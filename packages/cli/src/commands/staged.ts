/** `hush staged`: what `git commit` is about to record (the pre-commit path). */
import { scanStaged } from '@hush/scanner';
import type { Argv } from 'yargs';
import { writeReport, type Io } from '../io.js';
import { exitCodeFor, render, withBaseline, type Format } from '../report.js';
import { sharedOptions, type SharedArgs } from './shared.js';

export function stagedBuilder(yargs: Argv): Argv<SharedArgs> {
  return sharedOptions(yargs);
}

export async function runStaged(args: SharedArgs, io: Io): Promise<number> {
  const result = await scanStaged({ cwd: io.cwd, configFile: args.config, includeSuppressed: args.includeSuppressed });
  const final = withBaseline(result, io, args.baseline, args.includeSuppressed);
  writeReport(io, render(final, { format: args.format as Format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io), args.output);
  return exitCodeFor(final);
}
