/**
 * Idempotent install and exact removal of the hooks (pre-commit, and pre-merge-commit so that a
 * merge commit is checked too). An existing hook is moved aside (bytes and mode kept) and chained:
 * it runs first, as git would run it, and can still block. Uninstall puts it back byte for byte.
 */
import { dirname, join } from 'node:path';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { activeHook, describeActive } from './active.js';
import { installHusky, uninstallHusky } from './husky.js';
import { ensureHooksPath, restoreHooksPath } from './hooks-path.js';
import { locateHook, type HookLocation, type HookManager } from './locate.js';
import { HOOKS, MARKER, ORIGINAL_SUFFIX, isHushHook, type GitHook } from './marker.js';
import { hushPresentTest, missingHushMessage, portableHushCommand } from './portable.js';
import { isInside, shellQuote } from '@hush/scanner';
import { HookError, refuseLinkedTarget, replaceWith } from './safe-write.js';

const usesConfig = (location: HookLocation) => location.manager === 'lefthook' || location.manager === 'pre-commit';

/** The YAML editing code loads only for lefthook / pre-commit setups, keeping `hook run` lean. */
const configManagers = () => import('./config-managers.js');

export { HookError };

export interface InstallOptions {
  cwd: string;
  manager?: HookManager;
  /** Absolute path of node and of the hush bin, recorded (in untracked hooks only) for GUI clients with a minimal PATH. */
  nodePath: string;
  hushBin: string;
}

export type InstallOutcome = { action: 'installed' | 'already-installed'; location: HookLocation; chained: boolean };

/** How a hook script starts hush: recorded absolute paths first (untracked hooks only), then the portable command. */
interface HushLauncher {
  /** e.g. `npx --no-install hush`: works on any clone that installed hush. */
  portable: string;
  nodePath?: string;
  hushBin?: string;
}

/** Stops with a message naming hush-scan when this clone has no hush to run. */
function missingCheck(portable: string): string {
  return `if ! { ${hushPresentTest(portable)}; }; then
  ${missingHushMessage(portable)}
  exit 1
fi
`;
}

function hookScript(hook: GitHook, launcher: HushLauncher): string {
  const tool = launcher.portable.split(' ')[0];
  const recorded =
    launcher.nodePath && launcher.hushBin
      ? `node_bin=${shellQuote(launcher.nodePath, true)}
hush_bin=${shellQuote(launcher.hushBin, true)}
if [ -x "$node_bin" ] && [ -f "$hush_bin" ]; then
  exec "$node_bin" "$hush_bin" hook run
fi
# The recorded paths are gone (node moved, checkout deleted): the project's installed hush.
`
      : '';
  return `#!/bin/sh
${MARKER} (managed by \`hush hook install\`; \`hush hook uninstall\` restores what was here)
# git runs this file as ${hook}. What was here before runs first, as git would run it: only when
# executable, directly (its own interpreter), with the same arguments and stdin.
original="$(dirname "$0")/${hook}${ORIGINAL_SUFFIX}"
if [ -f "$original" ] && [ -x "$original" ]; then
  "$original" "$@" || exit $?
fi
HUSH_GIT_HOOK=${hook}
export HUSH_GIT_HOOK
${recorded}if ! command -v ${tool} >/dev/null 2>&1; then
  echo "hush: cannot start hush (${tool} is not on PATH); run \\\`hush hook install\\\` again" >&2
  exit 1
fi
${missingCheck(launcher.portable)}exec ${launcher.portable} hook run
`;
}

/** Only a hook outside the work tree (the git dir, a global hooks directory) is never committed. */
function mayRecordPaths(location: HookLocation): boolean {
  const gitDir = dirname(location.stateDir);
  return isInside(gitDir, location.file) || !isInside(location.repoRoot, location.file);
}

/** Every file this location's install or uninstall writes, moves or removes: none may be reached through a link in the work tree. */
function guardLocation(location: HookLocation): void {
  const dir = dirname(location.file);
  const files = usesConfig(location) ? [location.file] : HOOKS.flatMap((hook) => [join(dir, hook), join(dir, hook) + ORIGINAL_SUFFIX]);
  for (const file of files) refuseLinkedTarget(file, location.repoRoot);
}

export async function installHook(options: InstallOptions): Promise<InstallOutcome> {
  const location = locateHook(options.cwd, options.manager);
  guardLocation(location);
  const portable = portableHushCommand(location.repoRoot);
  if (usesConfig(location)) {
    const { addToConfig, configHasHush, upgradeEntry } = await configManagers();
    // An entry from an older hush names this machine's paths in a committed file: make it portable.
    if (configHasHush(location)) return { action: upgradeEntry(location, portable) ? 'installed' : 'already-installed', location, chained: false };
    const others = addToConfig(location, portable);
    return { action: 'installed', location, chained: others };
  }
  if (location.manager === 'husky') {
    // The team's .husky/pre-commit (if any) keeps running first: hush's lines come after it.
    const chained =
      existsSync(location.file) &&
      readFileSync(location.file, 'utf8')
        .replace(/^.*hush.*$/gm, '')
        .trim() !== '';
    const changed = installHusky(location, portable);
    return { action: changed ? 'installed' : 'already-installed', location, chained };
  }
  const dir = dirname(location.file);
  const files = HOOKS.map((hook) => ({ hook, file: join(dir, hook) }));
  const chained = () => files.some((f) => existsSync(f.file + ORIGINAL_SUFFIX));
  const launcher: HushLauncher = mayRecordPaths(location) ? { portable, nodePath: options.nodePath, hushBin: options.hushBin } : { portable };
  // A hush script from an older version (or another node) is rewritten; the same one is left alone.
  const todo = files.filter((f) => !isHushHook(f.file) || readFileSync(f.file, 'utf8') !== hookScript(f.hook, launcher));
  if (!todo.length) return { action: 'already-installed', location, chained: chained() };
  // Check everything before changing anything, so a refusal leaves no half-installed state.
  for (const { file } of todo) {
    if (existsSync(file) && !isHushHook(file) && existsSync(file + ORIGINAL_SUFFIX))
      throw new HookError(`${file + ORIGINAL_SUFFIX} already exists; move it away before installing`);
  }
  if (location.manager === 'hooksPath') {
    const problem = ensureHooksPath(location);
    if (problem) throw new HookError(problem);
  }
  mkdirSync(dir, { recursive: true });
  for (const { hook, file } of todo) {
    if (existsSync(file) && !isHushHook(file)) renameSync(file, file + ORIGINAL_SUFFIX);
    replaceWith(file, hookScript(hook, launcher), 0o755);
  }
  return { action: 'installed', location, chained: chained() };
}

export type UninstallOutcome = { action: 'removed' | 'restored' | 'not-installed'; location: HookLocation };

export async function uninstallHook(cwd: string, manager?: HookManager): Promise<UninstallOutcome> {
  const location = locateHook(cwd, manager);
  guardLocation(location);
  if (usesConfig(location)) {
    const { configHasHush, removeFromConfig } = await configManagers();
    if (!configHasHush(location)) return { action: 'not-installed', location };
    removeFromConfig(location);
    return { action: 'restored', location };
  }
  if (location.manager === 'husky') {
    const outcome = uninstallHusky(location);
    if (outcome !== 'whole-scripts') return { action: outcome, location };
  }
  let action: UninstallOutcome['action'] = 'not-installed';
  for (const hook of HOOKS) {
    const file = join(dirname(location.file), hook);
    if (!isHushHook(file)) continue;
    const original = file + ORIGINAL_SUFFIX;
    if (existsSync(original)) {
      // rename keeps the original's bytes and mode exactly.
      renameSync(original, file);
      action = 'restored';
    } else {
      unlinkSync(file);
      if (action === 'not-installed') action = 'removed';
    }
  }
  if (location.manager === 'hooksPath') restoreHooksPath(location);
  return { action, location };
}

export interface HookStatus {
  /** The pre-commit hook git actually runs (and, when it runs hush, the file hush is wired into). */
  location: HookLocation;
  installed: boolean;
  chained: boolean;
  mode?: number;
  /** Why the answer may surprise: hush set up where git does not look, or another hook active. */
  note?: string;
}

/** What git will actually run on `git commit`, whatever manager was detected or asked for. */
export async function hookStatus(cwd: string, manager?: HookManager): Promise<HookStatus> {
  const located = locateHook(cwd, manager);
  const active = await activeHook(located.repoRoot);
  const location = active.location ?? located;
  const mode = existsSync(active.file) ? statSync(active.file).mode & 0o777 : undefined;
  const chained = active.runsHush && location.manager !== 'lefthook' && location.manager !== 'pre-commit' && existsSync(location.file + ORIGINAL_SUFFIX);
  let note = active.runsHush ? undefined : describeActive(active);
  if (!active.runsHush && (await configuredAt(located))) note = `${note}; hush is set up in ${located.file}, which git does not run`;
  return { location, installed: active.runsHush, chained, mode, note };
}

async function configuredAt(location: HookLocation): Promise<boolean> {
  if (usesConfig(location)) return (await configManagers()).configHasHush(location);
  return existsSync(location.file) && readFileSync(location.file, 'utf8').includes(MARKER);
}
