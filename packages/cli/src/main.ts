/**
 * The hush CLI: parse the whole command line first, then load and run the one command asked for.
 * Returns the exit code: 0 clean, 1 findings, 2 usage/config/IO error (one line on stderr; --debug
 * adds the stack).
 */
import { parseCommandLine, type Command } from './command-line.js';
import { describeFailure, oneLine } from './errors.js';
import { processIo, type Io } from './io.js';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const parsed = await parseCommandLine(argv, Math.min(100, process.stdout.columns || 100));
  if (parsed.kind === 'usage-error') {
    // yargs would print the whole help; the one-line error says enough.
    io.stderr(`hush: ${oneLine(parsed.message)}\n`);
    return 2;
  }
  if (parsed.kind === 'printed') {
    if (parsed.text) io.stdout(`${parsed.text}\n`);
    return 0;
  }
  try {
    return await run(parsed.command, io);
  } catch (error) {
    const failure = await describeFailure(error);
    // Git's errors can quote a remote URL with its token, or a file name with escape sequences.
    const { printable, stripUrlCredentials } = await import('@hush/scanner');
    io.stderr(`hush: ${printable(stripUrlCredentials(failure.line))}\n`);
    if (parsed.debug && error instanceof Error && error.stack) io.stderr(`${stripUrlCredentials(error.stack)}\n`);
    return 2;
  }
}

/** Each command's code is imported only when that command runs (the hook path stays small). */
async function run(command: Command, io: Io): Promise<number> {
  switch (command.name) {
    case 'scan':
      return (await import('./commands/scan.js')).runScan(command.args, io);
    case 'audit':
      return (await import('./commands/audit.js')).runAudit(command.args, io);
    case 'staged':
      return (await import('./commands/staged.js')).runStaged(command.args, io);
    case 'baseline':
      return (await import('./commands/baseline.js')).runBaseline(command.args, io);
    case 'hook':
      return (await import('./commands/hook.js')).runHookCommand(command.args.action, io, command.args.manager, command.args);
    case 'pre-receive':
      return (await import('./commands/pre-receive.js')).runPreReceiveCommand(command.args, io);
    case 'purge-plan':
      return (await import('./commands/purge-plan.js')).runPurgePlan(command.args, io);
    case 'explain':
      return (await import('./commands/explain.js')).runExplain(command.args.target, io, command.args.config);
    case 'rules list':
      return (await import('./commands/rules.js')).runRulesList(io, command.args.format, command.args.config);
    case 'rules show':
      return (await import('./commands/rules.js')).runRulesShow(io, command.args.id, command.args.config);
    case 'org inventory':
      return (await import('./commands/org-inventory.js')).runOrgInventory(command.args, io);
    case 'org run':
      return (await import('./commands/org-run.js')).runOrgRun(command.args, io);
    case 'org merge':
      return (await import('./commands/org-merge.js')).runOrgMerge(command.args, io);
  }
}
