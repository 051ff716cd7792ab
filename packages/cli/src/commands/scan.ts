/** `hush scan [paths..]`: the working tree (or given files) through the scanner. */
import { scanPaths, settle } from '@hush/scanner';
import type { ScanArgs } from '../command-line.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { emitReport, policyFlags, remoteFor } from '../report.js';

export async function runScan(args: ScanArgs, io: Io): Promise<number> {
  const scanned = await scanPaths({
    ...policyFlags(args),
    kind: 'scan',
    targets: args.paths,
    cwd: io.cwd,
    jobs: args.jobs,
    include: args.include,
    exclude: args.exclude,
    maxFileSize: args.maxFileSize,
  });
  // Named targets that match no file are a mistake (a typo, a glob the shell did not expand), not a clean pass.
  if (args.paths?.length && scanned.stats.filesScanned === 0 && scanned.skipped.length === 0) {
    throw new UsageError(`no files matched ${args.paths.join(' ')}${args.include?.length || args.exclude?.length ? ' (after --include/--exclude)' : ''}`);
  }
  const { result, exitCode } = await settle(scanned, io);
  await emitReport(result, { format: args.format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io, {
    remoteUrl: remoteFor(result),
  });
  return exitCode;
}
