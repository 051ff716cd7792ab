/**
 * `--manager hooksPath` when core.hooksPath is not set yet: hush sets it (git would otherwise never
 * run the hooks it writes) and remembers that, so uninstall unsets exactly what it set.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gitSync } from '@hush/scanner';
import type { HookLocation } from './locate.js';

const stateFile = (location: HookLocation) => join(location.stateDir, 'hooks-path-set');
const configured = (repoRoot: string) => gitSync(repoRoot, ['config', '--get', 'core.hooksPath'], { allowFailure: true, userConfig: true }).toString().trim();

/** Sets core.hooksPath to the hooks directory when nothing sets it; returns a problem to report, if any. */
export function ensureHooksPath(location: HookLocation): string | undefined {
  if (configured(location.repoRoot)) return undefined;
  // Setting core.hooksPath turns off .git/hooks: refuse rather than silently disable active hooks.
  const gitHooks = resolve(location.repoRoot, gitSync(location.repoRoot, ['rev-parse', '--git-path', 'hooks'], { userConfig: true }).toString().trim());
  const active = existsSync(gitHooks) ? readdirSync(gitHooks).filter((name) => !name.endsWith('.sample') && isExecutableFile(join(gitHooks, name))) : [];
  if (active.length) {
    return `setting core.hooksPath would turn off the active hooks in ${gitHooks} (${active.join(', ')}); move them to ${dirname(location.file)} first, or use --manager git`;
  }
  const value = relative(location.repoRoot, dirname(location.file)) || '.';
  gitSync(location.repoRoot, ['config', '--local', 'core.hooksPath', value], { userConfig: true });
  mkdirSync(location.stateDir, { recursive: true });
  writeFileSync(stateFile(location), `${value}\n`);
  return undefined;
}

/** Unsets core.hooksPath if hush set it and nobody changed it since. */
export function restoreHooksPath(location: HookLocation): void {
  const file = stateFile(location);
  if (!existsSync(file)) return;
  const value = readFileSync(file, 'utf8').trim();
  const local = gitSync(location.repoRoot, ['config', '--local', '--get', 'core.hooksPath'], { allowFailure: true, userConfig: true }).toString().trim();
  if (local === value) gitSync(location.repoRoot, ['config', '--local', '--unset', 'core.hooksPath'], { userConfig: true });
  unlinkSync(file);
}

function isExecutableFile(path: string): boolean {
  try {
    const stat = statSync(path);
    return stat.isFile() && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}
