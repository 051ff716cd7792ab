/** `hush scan [paths..]`: the working tree (or given files) through the scanner. */
import { scanPaths } from '@hush/scanner';
import type { ScanArgs } from '../command-line.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { emitReport, exitCodeFor, remoteFor, withBaseline, withSuppressed } from '../report.js';

export async function runScan(args: ScanArgs, io: Io): Promise<number> {
  const result = await scanPaths({
    targets: args.paths,
    cwd: io.cwd,
    configFile: args.config,
    jobs: args.jobs,
    include: args.include,
    exclude: args.exclude,
    maxFileSize: args.maxFileSize,
    includeSuppressed: withSuppressed(args),
  });
  // Named targets that match no file are a mistake (a typo, a glob the shell did not expand), not a clean pass.
  if (args.paths?.length && result.stats.filesScanned === 0 && result.skipped.length === 0) {
    throw new UsageError(`no files matched ${args.paths.join(' ')}${args.include?.length || args.exclude?.length ? ' (after --include/--exclude)' : ''}`);
  }
  const baselined = withBaseline(result, io, args.baseline, withSuppressed(args));
  const final = args.verify ? await (await import('../verification.js')).withVerification(baselined, io, args.config) : baselined;
  await emitReport(final, { format: args.format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io, {
    remoteUrl: remoteFor(final),
  });
  return exitCodeFor(final);
}
