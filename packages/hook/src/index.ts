/** @hush/hook: install, remove and run the pre-commit hook (what the CLI's `hush hook` uses). */
export type { HookManager } from './locate.js';
export { installHook, uninstallHook, HookError, hookStatus } from './install.js';
export { NotInRepositoryError } from './hook-error.js';
export { runHook } from './run.js';
export { runPreReceive } from './pre-receive.js';
export { installServerHook, uninstallServerHook, serverHookStatus } from './install-server.js';
