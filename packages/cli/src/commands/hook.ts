/** `hush hook install | uninstall | status | run`. */
import { realpathSync } from 'node:fs';
import { hookStatus, installHook, runHook, uninstallHook, type HookManager } from '@hush/hook';
import type { Io } from '../io.js';

/** The script this process runs (the package bin or the bundle), recorded in the hook. */
function hushBin(): string {
  return realpathSync(process.argv[1]);
}

export async function runHookCommand(action: string, io: Io, manager?: HookManager): Promise<number> {
  if (action === 'install') {
    const outcome = installHook({ cwd: io.cwd, manager, nodePath: process.execPath, hushBin: hushBin() });
    io.stdout(
      outcome.action === 'already-installed'
        ? `hush hook already installed at ${outcome.location.file}\n`
        : `hush hook installed at ${outcome.location.file} (${outcome.location.manager})${outcome.chained ? '; the existing pre-commit hook still runs first' : ''}\n`,
    );
    return 0;
  }
  if (action === 'uninstall') {
    const outcome = uninstallHook(io.cwd, manager);
    const said = { removed: 'hush hook removed from', restored: 'hush hook removed; original hook restored at', 'not-installed': 'no hush hook installed at' }[outcome.action];
    io.stdout(`${said} ${outcome.location.file}\n`);
    return 0;
  }
  if (action === 'status') {
    const status = hookStatus(io.cwd, manager);
    io.stdout(`${status.installed ? 'installed' : 'not installed'}: ${status.location.file} (${status.location.manager})${status.chained ? ', chained to the original hook' : ''}\n`);
    return 0;
  }
  const result = await runHook(io.cwd);
  if (result.message) io.stderr(result.message);
  return result.exitCode;
}
