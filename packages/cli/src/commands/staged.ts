/** `hush staged`: what `git commit` is about to record (the pre-commit path). */
import { scanStaged, settle } from '@hush/scanner';
import type { StagedArgs } from '../command-line.js';
import type { Io } from '../io.js';
import { emitReport, policyFlags, remoteFor } from '../report.js';

export async function runStaged(args: StagedArgs, io: Io): Promise<number> {
  const { result, exitCode } = await settle(await scanStaged({ ...policyFlags(args), kind: 'staged', cwd: io.cwd }), io);
  await emitReport(result, { format: args.format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io, {
    remoteUrl: remoteFor(result),
  });
  return exitCode;
}
