/** `hush scan [paths..]`: the working tree (or given files) through the scanner. */
import { scanPaths } from '@hush/scanner';
import type { ScanArgs } from '../command-line.js';
import { writeReport, type Io } from '../io.js';
import { exitCodeFor, render, withBaseline } from '../report.js';

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
  writeReport(io, render(final, { format: args.format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io), args.output);
  return exitCodeFor(final);
}
