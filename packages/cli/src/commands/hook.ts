/** `hush hook install | uninstall | status | run`. */
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hookStatus, installHook, installServerHook, runHook, serverHookStatus, uninstallHook, uninstallServerHook, type HookManager } from '@hush/hook';
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

/** What `--server` adds: the repository and the policy file the pre-receive hook names. */
interface ServerFlags {
  server?: boolean;
  gitDir?: string;
  config?: string;
}

export async function runHookCommand(action: string, io: Io, manager?: HookManager, flags: ServerFlags = {}): Promise<number> {
  if (flags.server) return runServerHookCommand(action, io, flags);
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

/** `hush hook install|uninstall|status --server`: the pre-receive hook of a repository on a server. */
function runServerHookCommand(action: string, io: Io, flags: ServerFlags): number {
  if (action === 'install') {
    const outcome = installServerHook({ cwd: io.cwd, gitDir: flags.gitDir, configFile: flags.config, nodePath: process.execPath, hushBin: hushBin() });
    io.stdout(
      outcome.action === 'already-installed'
        ? `hush pre-receive hook already installed at ${outcome.file}\n`
        : `hush pre-receive hook installed at ${outcome.file}${outcome.chained ? '; the existing hook still runs first' : ''}\n`,
    );
    return 0;
  }
  if (action === 'uninstall') {
    const outcome = uninstallServerHook(io.cwd, flags.gitDir);
    const said = {
      removed: 'hush pre-receive hook removed from',
      restored: 'hush pre-receive hook removed; original hook restored at',
      'not-installed': 'no hush pre-receive hook installed at',
    }[outcome.action];
    io.stdout(`${said} ${outcome.file}\n`);
    return 0;
  }
  const status = serverHookStatus(io.cwd, flags.gitDir);
  io.stdout(
    status.installed
      ? `installed: ${status.file} (pre-receive)${status.chained ? ', chained to the original hook' : ''}${status.configFile ? `; policy: ${status.configFile}` : '; policy: hush.json in the git directory, if present'}\n`
      : `not installed: ${status.file}\n`,
  );
  return 0;
}
