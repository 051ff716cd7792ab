/** `hush hook install | uninstall | status | run`. */
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hookStatus, installHook, runHook, uninstallHook, type HookManager } from '@hush/hook';
import type { Io } from '../io.js';

/**
 * The script the hook runs: the single-file bundle when there is one (it starts about a third
 * faster than the module graph, and the hook is in every commit's path), else this process's script.
 */
function hushBin(): string {
  const running = realpathSync(process.argv[1]);
  if (running.endsWith('.mjs')) return running;
  const workspaceBundle = fileURLToPath(new URL('../../../../bundle/bin/hush.mjs', import.meta.url));
  return existsSync(workspaceBundle) ? workspaceBundle : running;
}

/** Where `git merge` gets checked too (it runs pre-merge-commit, never pre-commit). */
function mergeHookNote(manager: HookManager): string {
  if (manager === 'lefthook') return '; run `lefthook install` so that git also runs its pre-merge-commit';
  if (manager === 'pre-commit') return '';
  return ', with pre-merge-commit beside it';
}

export async function runHookCommand(action: string, io: Io, manager?: HookManager): Promise<number> {
  if (action === 'install') {
    const outcome = await installHook({ cwd: io.cwd, manager, nodePath: process.execPath, hushBin: hushBin() });
    io.stdout(
      outcome.action === 'already-installed'
        ? `hush hook already installed at ${outcome.location.file}\n`
        : `hush hook installed at ${outcome.location.file} (${outcome.location.manager})${mergeHookNote(outcome.location.manager)}${outcome.chained ? '; the existing hook still runs first' : ''}\n`,
    );
    return 0;
  }
  if (action === 'uninstall') {
    const outcome = await uninstallHook(io.cwd, manager);
    const said = { removed: 'hush hook removed from', restored: 'hush hook removed; original hook restored at', 'not-installed': 'no hush hook installed at' }[
      outcome.action
    ];
    io.stdout(`${said} ${outcome.location.file}\n`);
    return 0;
  }
  if (action === 'status') {
    const status = await hookStatus(io.cwd, manager);
    io.stdout(
      status.installed
        ? `installed: ${status.location.file} (${status.location.manager})${status.chained ? ', chained to the original hook' : ''}\n`
        : `not installed: ${status.note ?? status.location.file}\n`,
    );
    return 0;
  }
  const result = await runHook(io.cwd, io);
  if (result.message) io.stderr(result.message);
  return result.exitCode;
}
