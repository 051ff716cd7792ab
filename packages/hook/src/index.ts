/** @hush/hook: install, remove and run the pre-commit hook. */
export { locateHook, MANAGERS, type HookLocation, type HookManager } from './locate.js';
export { installHook, uninstallHook, HookError, hookStatus, hookScript, isHushHook, MARKER, ORIGINAL_SUFFIX, type InstallOutcome, type UninstallOutcome, type HookStatus, type HushLauncher } from './install.js';
export { HOOKS, type GitHook } from './marker.js';
export { portableHushCommand, portableRunCommand } from './portable.js';
export { runHook, type HookRunResult } from './run.js';
