/** `hush hook install | uninstall | status | run`. */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  hookStatus,
  installHook,
  installServerHook,
  NotInRepositoryError,
  runHook,
  serverHookStatus,
  uninstallHook,
  uninstallServerHook,
  type HookManager,
} from '@hush/hook';
import type { Io } from '../io.js';

/**
 * The script the hook runs: the single-file bundle when there is one (it starts about a third
 * faster than the module graph, and the hook is in every commit's path), else this process's script.
 */
function hushBin(): string {
  const running = realpathSync(process.argv[1]);
  // The bundle's entry is bin/hush.cjs (no ES module loader to start); bin/hush.mjs is its former name.
  const bundled = running.replace(/hush\.mjs$/, 'hush.cjs');
  if (bundled.endsWith('hush.cjs') && existsSync(bundled)) return bundled;
  if (running.endsWith('.mjs')) return running;
  const workspaceBundle = fileURLToPath(new URL('../../../../bundle/bin/hush.cjs', import.meta.url));
  return existsSync(workspaceBundle) ? workspaceBundle : running;
}

/** Where `git merge` gets checked too (it runs pre-merge-commit, never pre-commit). */
function mergeHookNote(manager: HookManager): string {
  if (manager === 'lefthook') return '; run `lefthook install` so that git also runs its pre-merge-commit';
  if (manager === 'pre-commit') return '';
  return ', with pre-merge-commit beside it';
}

/** What `--server` adds (the repository and the policy file the pre-receive hook names), and `--quiet`. */
interface HookFlags {
  server?: boolean;
  gitDir?: string;
  config?: string;
  quiet?: boolean;
}

/** What else keeps running: a moved-aside hook runs before hush; a manager's other entries beside it. */
function chainNote(manager: HookManager): string {
  return manager === 'lefthook' || manager === 'pre-commit' ? '; the existing pre-commit entries still run' : '; the existing hook still runs first';
}

const PREPARE = 'hush hook install';

/**
 * git clones no hooks: with plain git hooks a teammate's clone is unprotected until someone runs
 * `hush hook install` there. npm runs a `prepare` script on every `npm install`/`npm ci`.
 */
function prepareTip(repoRoot: string, manager: HookManager): string {
  if (manager !== 'git' && manager !== 'hooksPath') return ''; // husky, lefthook, pre-commit: their own set-up step wires the committed file
  let prepare: unknown;
  try {
    prepare = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts?: { prepare?: unknown } }).scripts?.prepare;
  } catch {
    prepare = undefined;
  }
  if (typeof prepare === 'string' && prepare.includes(PREPARE)) return '';
  return `teammates' clones get no hook from git: add "prepare": "${PREPARE}" to package.json's scripts so that every npm install sets it up\n`;
}

/**
 * \`hush hook install\` as npm's \`prepare\` script (or with --quiet) prints nothing, changes nothing when
 * already installed, and is a no-op outside a git repository (a package installed from a tarball, a
 * CI checkout without .git) rather than failing the install.
 */
async function install(io: Io, manager: HookManager | undefined, quiet: boolean): Promise<number> {
  let outcome;
  try {
    outcome = await installHook({ cwd: io.cwd, manager, nodePath: process.execPath, hushBin: hushBin() });
  } catch (error) {
    if (quiet && error instanceof NotInRepositoryError) return 0;
    throw error;
  }
  if (quiet) return 0;
  const { location } = outcome;
  io.stdout(
    outcome.action === 'already-installed'
      ? `hush hook already installed at ${location.file}\n`
      : `hush hook installed at ${location.file} (${location.manager})${mergeHookNote(location.manager)}${outcome.chained ? chainNote(location.manager) : ''}\n`,
  );
  io.stdout(prepareTip(location.repoRoot, location.manager));
  return 0;
}

export async function runHookCommand(action: string, io: Io, manager?: HookManager, flags: HookFlags = {}): Promise<number> {
  if (flags.server) return runServerHookCommand(action, io, flags);
  if (action === 'install') return install(io, manager, flags.quiet === true || io.env.npm_lifecycle_event === 'prepare');
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
function runServerHookCommand(action: string, io: Io, flags: HookFlags): number {
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
