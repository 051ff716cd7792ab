/**
 * The command a committed file (`.husky/pre-commit`, `lefthook.yml`, `.pre-commit-config.yaml`, a
 * tracked hooks directory) uses to run hush: it names no path of this machine, so it works on every
 * clone. The project's own package manager runs the hush it installed (the lockfile says which).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GitHook } from './marker.js';

export function portableHushCommand(repoRoot: string): string {
  if (existsSync(join(repoRoot, 'pnpm-lock.yaml'))) return 'pnpm exec hush';
  if (existsSync(join(repoRoot, 'yarn.lock'))) return 'yarn hush';
  // --no-install: never download a package that happens to be called `hush` from the registry.
  return 'npx --no-install hush';
}

type PackageManager = 'npm' | 'pnpm' | 'yarn';
const managerOf = (portable: string): PackageManager => (portable.startsWith('pnpm') ? 'pnpm' : portable.startsWith('yarn') ? 'yarn' : 'npm');
const ADD_HUSH: Record<PackageManager, string> = {
  npm: 'npm install --save-dev hush-scan',
  pnpm: 'pnpm add --save-dev hush-scan',
  yarn: 'yarn add --dev hush-scan',
};

/**
 * A sh test that succeeds when `portable` can start hush: the project's bin (git, husky, lefthook
 * and the pre-commit framework all run hooks at the top of the work tree), one on PATH, or yarn
 * Plug'n'Play (no bin folder; yarn itself answers there).
 */
export function hushPresentTest(portable: string): string {
  const pnp = managerOf(portable) === 'yarn' ? ' || [ -f .pnp.cjs ]' : '';
  return `[ -x node_modules/.bin/hush ]${pnp} || command -v hush >/dev/null 2>&1`;
}

/**
 * A sh command that says, on stderr, that hush is missing. Without it npx would name an unrelated
 * registry package that happens to be called `hush`: name the package (hush-scan) and how to get it.
 */
export function missingHushMessage(portable: string): string {
  const manager = managerOf(portable);
  return `echo "hush: hush is not installed in this clone (it is the npm package hush-scan): run \\\`${manager} install\\\`, or \\\`${ADD_HUSH[manager]}\\\` if package.json does not list it yet" >&2`;
}

/**
 * sh that runs hush's hook when hush is installed, and otherwise says what to install and blocks
 * the commit. `hook` is set as HUSH_GIT_HOOK; `onFailure` follows the hush command. One line where
 * a file holds it on one line (husky); else one statement a line, which YAML keeps unfolded.
 */
export function guardedHookRun(portable: string, options: { hook?: GitHook; onFailure?: string; oneLine?: boolean } = {}): string {
  const run = `${options.hook ? `HUSH_GIT_HOOK=${options.hook} ` : ''}${portable} hook run${options.onFailure ?? ''}`;
  const test = hushPresentTest(portable);
  const message = missingHushMessage(portable);
  if (options.oneLine) return `if ${test}; then ${run}; else ${message}; exit 1; fi`;
  return `if ${test}; then\n  ${run}\nelse\n  ${message}\n  exit 1\nfi\n`;
}

/** The unguarded commands hush 0.x wrote into committed files: still recognised, upgraded and removed. */
export const isUnguardedRun = (value: string) =>
  /^(HUSH_GIT_HOOK=[a-z-]+ )?(npx --no-install|pnpm exec|yarn) hush hook run( \|\| exit \$\?)?$/.test(value.trim());
