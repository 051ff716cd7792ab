/** `hush staged`: what `git commit` is about to record (the pre-commit path). */
import { scanStaged } from '@hush/scanner';
import type { StagedArgs } from '../command-line.js';
import type { Io } from '../io.js';
import { emitReport, exitCodeFor, remoteFor, withBaseline, withSuppressed } from '../report.js';

export async function runStaged(args: StagedArgs, io: Io): Promise<number> {
  const result = await scanStaged({ cwd: io.cwd, configFile: args.config, includeSuppressed: withSuppressed(args) });
  const baselined = withBaseline(result, io, args.baseline, withSuppressed(args));
  const final = args.verify ? await (await import('../verification.js')).withVerification(baselined, io, args.config) : baselined;
  await emitReport(final, { format: args.format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io, {
    remoteUrl: remoteFor(final),
  });
  return exitCodeFor(final);
}
