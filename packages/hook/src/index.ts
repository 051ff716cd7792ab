/** @hush/hook: install, remove and run the pre-commit hook (what the CLI's `hush hook` uses). */
export type { HookManager } from './locate.js';
export { installHook, uninstallHook, hookStatus } from './install.js';
export { HookError, NotInRepositoryError } from './hook-error.js';
export { runHook } from './run.js';
