/**
 * The hush CLI: parses arguments with yargs and dispatches to a command. Returns the exit code:
 * 0 clean, 1 findings, 2 usage/config/IO error (one line on stderr; --debug adds the stack).
 */
import yargs from 'yargs';
import { ConfigError } from '@hush/scanner';
import { processIo, UsageError, type Io } from './io.js';
import { VERSION } from './version.js';
import { scanBuilder } from './commands/scan.js';
import { baselineBuilder } from './commands/baseline.js';
import { auditBuilder as auditBuilderSync } from './commands/audit.js';
import { stagedBuilder as stagedBuilderSync } from './commands/staged.js';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = 0;
  let failure: string | undefined;
  const parser = yargs(argv)
    .scriptName('hush')
    .usage('$0 <command> [options]\n\nFinds hard-coded secrets and tells you how to rotate each one.')
    .option('debug', { type: 'boolean', default: false, describe: 'show stack traces on errors' })
    .command(
      'scan [paths..]',
      'scan files and directories (the working tree)',
      (y) => scanBuilder(y),
      async (args) => {
        const { runScan } = await import('./commands/scan.js');
        exitCode = await runScan(args as never, io);
      },
    )
    .command(
      'audit [repo]',
      'scan the whole git history: every unique blob, once',
      (y) => auditBuilderSync(y),
      async (args) => {
        const { runAudit } = await import('./commands/audit.js');
        exitCode = await runAudit(args as never, io);
      },
    )
    .command(
      'staged',
      'scan what is staged for the next commit (index content, added lines)',
      (y) => stagedBuilderSync(y),
      async (args) => {
        const { runStaged } = await import('./commands/staged.js');
        exitCode = await runStaged(args as never, io);
      },
    )
    .command(
      'hook <action>',
      'install, uninstall or inspect the git pre-commit hook (run: what the hook executes)',
      (y) =>
        y
          .positional('action', { choices: ['install', 'uninstall', 'status', 'run'], demandOption: true })
          .option('manager', { choices: ['git', 'hooksPath', 'husky', 'lefthook', 'pre-commit'], describe: 'force how hooks are wired (default: detected)' }),
      async (args) => {
        const { runHookCommand } = await import('./commands/hook.js');
        exitCode = await runHookCommand(args.action as string, io, args.manager as never);
      },
    )
    .command(
      'baseline [paths..]',
      'accept current findings (hashes only) so only new ones are reported; --prune, --import',
      (y) => baselineBuilder(y),
      async (args) => {
        const { runBaseline } = await import('./commands/baseline.js');
        exitCode = await runBaseline(args as never, io);
      },
    )
    .command(
      'explain <target>',
      'the full rotation playbook for a rule id or a finding fingerprint',
      (y) => y.positional('target', { type: 'string', demandOption: true }).option('config', { alias: 'c', type: 'string' }),
      async (args) => {
        const { runExplain } = await import('./commands/explain.js');
        exitCode = await runExplain(args.target as string, io, args.config as string | undefined);
      },
    )
    .command('rules', 'list the detection rules, or show one with its rotation playbook', (y) =>
      y
        .command(
          'list',
          'list every rule',
          (yy) => yy.option('format', { alias: 'f', choices: ['text', 'json'], default: 'text' }),
          async (args) => {
            exitCode = (await import('./commands/rules.js')).runRulesList(io, args.format as string);
          },
        )
        .command(
          'show <id>',
          'show a rule and its rotation playbook',
          (yy) => yy.positional('id', { type: 'string', demandOption: true }),
          async (args) => {
            exitCode = (await import('./commands/rules.js')).runRulesShow(io, args.id as string);
          },
        )
        .demandCommand(1, 'name a rules subcommand: list or show <id>'),
    )
    .demandCommand(1, 'name a command (see hush --help)')
    .strict()
    .version(VERSION)
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      failure = message ?? error?.message;
      if (error && !(error instanceof UsageError) && !(error instanceof ConfigError) && error.name !== 'HookError' && error.name !== 'GitError') throw error;
    });
  try {
    let printed = '';
    await parser.parseAsync(argv, {}, (_err, _parsed, output) => {
      printed = output;
    });
    // On a usage error yargs would print the whole help; the one-line error says enough.
    if (printed && !failure) io.stdout(`${printed}\n`);
    if (failure) {
      io.stderr(`hush: ${oneLine(failure)}\n`);
      return 2;
    }
    return exitCode;
  } catch (error) {
    const err = error as Error;
    const known = err instanceof UsageError || err instanceof ConfigError || err.name === 'HookError' || err.name === 'GitError';
    io.stderr(`hush: ${known ? '' : 'internal error: '}${oneLine(err.message)}\n`);
    if (debug && err.stack) io.stderr(`${err.stack}\n`);
    return 2;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
