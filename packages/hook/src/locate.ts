/**
 * Where this repository runs its pre-commit hook: the pre-commit framework or lefthook (a config
 * file we add an entry to), husky's `.husky/`, `core.hooksPath`, or git's own hooks directory.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { GitError, gitSync } from '@hush/scanner';
import { NotInRepositoryError } from './hook-error.js';

export type HookManager = 'git' | 'hooksPath' | 'husky' | 'lefthook' | 'pre-commit';

export interface HookLocation {
  manager: HookManager;
  /** The file hush writes: a hook script, or the manager's config file. */
  file: string;
  repoRoot: string;
  /** Where backups of config files are kept (inside the git dir, never committed). */
  stateDir: string;
}

const LEFTHOOK_FILES = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml'];
const PRE_COMMIT_FILE = '.pre-commit-config.yaml';

function workTreeRoot(cwd: string): string {
  try {
    return gitSync(cwd, ['rev-parse', '--show-toplevel'], { userConfig: true }).toString().trim();
  } catch (error) {
    // git's own words (`fatal: not a git repository (or any of the parent directories)`) say less.
    if (error instanceof GitError && /not a git repository/.test(error.message)) throw new NotInRepositoryError(`not inside a git repository: ${cwd}`);
    throw error;
  }
}

export function locateHook(cwd: string, forced?: HookManager): HookLocation {
  const repoRoot = workTreeRoot(cwd);
  const commonDir = resolve(repoRoot, gitSync(repoRoot, ['rev-parse', '--git-common-dir'], { userConfig: true }).toString().trim());
  const stateDir = join(commonDir, 'hush');
  const hooksPath = gitSync(repoRoot, ['config', '--get', 'core.hooksPath'], { allowFailure: true, userConfig: true }).toString().trim();
  const lefthook = LEFTHOOK_FILES.map((f) => join(repoRoot, f)).find((f) => existsSync(f));
  const manager: HookManager =
    forced ??
    (existsSync(join(repoRoot, PRE_COMMIT_FILE))
      ? 'pre-commit'
      : lefthook
        ? 'lefthook'
        : existsSync(join(repoRoot, '.husky'))
          ? 'husky'
          : hooksPath
            ? 'hooksPath'
            : 'git');
  let file: string;
  if (manager === 'pre-commit') file = join(repoRoot, PRE_COMMIT_FILE);
  else if (manager === 'lefthook') file = lefthook ?? join(repoRoot, 'lefthook.yml');
  else if (manager === 'husky') file = join(repoRoot, '.husky', 'pre-commit');
  else if (manager === 'hooksPath') file = join(isAbsolute(hooksPath) ? hooksPath : resolve(repoRoot, hooksPath || '.githooks'), 'pre-commit');
  else file = join(resolve(repoRoot, gitSync(repoRoot, ['rev-parse', '--git-path', 'hooks'], { userConfig: true }).toString().trim()), 'pre-commit');
  return { manager, file, repoRoot, stateDir };
}
