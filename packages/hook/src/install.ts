/**
 * Idempotent install and exact removal of the pre-commit hook. An existing hook is moved aside
 * (bytes and mode kept) and chained: it runs first and can still block the commit. Uninstall puts
 * it back byte for byte.
 */
import { dirname } from 'node:path';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { locateHook, type HookLocation, type HookManager } from './locate.js';

const usesConfig = (location: HookLocation) => location.manager === 'lefthook' || location.manager === 'pre-commit';

/** The YAML editing code loads only for lefthook / pre-commit setups, keeping `hook run` lean. */
const configManagers = () => import('./config-managers.js');

/** A problem the user can fix (printed as one line, exit 2). */
export class HookError extends Error {
  override name = 'HookError';
}

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

export async function installHook(options: InstallOptions): Promise<InstallOutcome> {
  const location = locateHook(options.cwd, options.manager);
  if (usesConfig(location)) {
    const { addToConfig, configHasHush } = await configManagers();
    if (configHasHush(location)) return { action: 'already-installed', location, chained: true };
    addToConfig(location, options.nodePath, options.hushBin);
    return { action: 'installed', location, chained: true };
  }
  const original = location.file + ORIGINAL_SUFFIX;
  if (isHushHook(location.file)) return { action: 'already-installed', location, chained: existsSync(original) };
  mkdirSync(dirname(location.file), { recursive: true });
  let chained = false;
  if (existsSync(location.file)) {
    if (existsSync(original)) throw new HookError(`${original} already exists; move it away before installing`);
    renameSync(location.file, original);
    chained = true;
  }
  writeFileSync(location.file, hookScript(options.nodePath, options.hushBin));
  chmodSync(location.file, 0o755);
  return { action: 'installed', location, chained };
}

export type UninstallOutcome = { action: 'removed' | 'restored' | 'not-installed'; location: HookLocation };

export async function uninstallHook(cwd: string, manager?: HookManager): Promise<UninstallOutcome> {
  const location = locateHook(cwd, manager);
  if (usesConfig(location)) {
    const { configHasHush, removeFromConfig } = await configManagers();
    if (!configHasHush(location)) return { action: 'not-installed', location };
    removeFromConfig(location);
    return { action: 'restored', location };
  }
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

export async function hookStatus(cwd: string, manager?: HookManager): Promise<HookStatus> {
  const location = locateHook(cwd, manager);
  if (usesConfig(location)) return { location, installed: (await configManagers()).configHasHush(location), chained: false };
  const installed = isHushHook(location.file);
  return { location, installed, chained: installed && existsSync(location.file + ORIGINAL_SUFFIX), mode: existsSync(location.file) ? statSync(location.file).mode & 0o777 : undefined };
}
