/**
 * Idempotent install and exact removal of the pre-commit hook. An existing hook is moved aside
 * (bytes and mode kept) and chained: it runs first and can still block the commit. Uninstall puts
 * it back byte for byte.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { locateHook, type HookLocation, type HookManager } from './locate.js';

export const MARKER = '# hush pre-commit hook';
export const ORIGINAL_SUFFIX = '.hush-original';

export interface InstallOptions {
  cwd: string;
  manager?: HookManager;
  /** Absolute path of node and of the hush bin, recorded for GUI clients with a minimal PATH. */
  nodePath: string;
  hushBin: string;
}

export type InstallOutcome = { action: 'installed' | 'already-installed'; location: HookLocation; chained: boolean };

export function hookScript(nodePath: string, hushBin: string): string {
  return `#!/bin/sh
${MARKER} (managed by \`hush hook install\`; \`hush hook uninstall\` restores what was here)
original="$(dirname "$0")/pre-commit${ORIGINAL_SUFFIX}"
if [ -f "$original" ]; then
  sh "$original" "$@" || exit $?
fi
node_bin=${shellQuote(nodePath)}
[ -x "$node_bin" ] || node_bin=node
exec "$node_bin" ${shellQuote(hushBin)} hook run
`;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function isHushHook(file: string): boolean {
  return existsSync(file) && readFileSync(file, 'utf8').includes(MARKER);
}

export function installHook(options: InstallOptions): InstallOutcome {
  const location = locateHook(options.cwd, options.manager);
  const original = location.file + ORIGINAL_SUFFIX;
  if (isHushHook(location.file)) return { action: 'already-installed', location, chained: existsSync(original) };
  mkdirSync(location.dir, { recursive: true });
  let chained = false;
  if (existsSync(location.file)) {
    if (existsSync(original)) throw new Error(`${original} already exists; refusing to overwrite it`);
    renameSync(location.file, original);
    chained = true;
  }
  writeFileSync(location.file, hookScript(options.nodePath, options.hushBin));
  chmodSync(location.file, 0o755);
  return { action: 'installed', location, chained };
}

export type UninstallOutcome = { action: 'removed' | 'restored' | 'not-installed'; location: HookLocation };

export function uninstallHook(cwd: string, manager?: HookManager): UninstallOutcome {
  const location = locateHook(cwd, manager);
  if (!isHushHook(location.file)) return { action: 'not-installed', location };
  const original = location.file + ORIGINAL_SUFFIX;
  if (existsSync(original)) {
    // rename keeps the original's bytes and mode exactly.
    renameSync(original, location.file);
    return { action: 'restored', location };
  }
  unlinkSync(location.file);
  return { action: 'removed', location };
}

export interface HookStatus {
  location: HookLocation;
  installed: boolean;
  chained: boolean;
  mode?: number;
}

export function hookStatus(cwd: string, manager?: HookManager): HookStatus {
  const location = locateHook(cwd, manager);
  const installed = isHushHook(location.file);
  return { location, installed, chained: installed && existsSync(location.file + ORIGINAL_SUFFIX), mode: existsSync(location.file) ? statSync(location.file).mode & 0o777 : undefined };
}
