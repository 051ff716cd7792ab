/** `hush staged`: what `git commit` is about to record (the pre-commit path). */
import { scanStaged } from '@hush/scanner';
import type { StagedArgs } from '../command-line.js';
import { writeReport, type Io } from '../io.js';
import { exitCodeFor, render, withBaseline } from '../report.js';

export async function runStaged(args: StagedArgs, io: Io): Promise<number> {
  const result = await scanStaged({ cwd: io.cwd, configFile: args.config, includeSuppressed: args.includeSuppressed });
  const final = withBaseline(result, io, args.baseline, args.includeSuppressed);
  writeReport(io, render(final, { format: args.format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io), args.output);
  return exitCodeFor(final);
}
