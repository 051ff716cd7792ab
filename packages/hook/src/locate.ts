/** Where this repository runs its pre-commit hook: husky, core.hooksPath, or git's hooks dir. */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { gitSync } from '@hush/scanner';

export type HookManager = 'git' | 'hooksPath' | 'husky';

export interface HookLocation {
  manager: HookManager;
  /** Directory holding the pre-commit file. */
  dir: string;
  file: string;
  repoRoot: string;
}

export function locateHook(cwd: string, forced?: HookManager): HookLocation {
  const repoRoot = gitSync(cwd, ['rev-parse', '--show-toplevel']).toString().trim();
  const hooksPath = gitSync(repoRoot, ['config', '--get', 'core.hooksPath'], { allowFailure: true, userConfig: true }).toString().trim();
  const husky = existsSync(join(repoRoot, '.husky'));
  const manager: HookManager = forced ?? (husky ? 'husky' : hooksPath ? 'hooksPath' : 'git');
  let dir: string;
  if (manager === 'husky') dir = join(repoRoot, '.husky');
  else if (manager === 'hooksPath') dir = isAbsolute(hooksPath) ? hooksPath : resolve(repoRoot, hooksPath || '.githooks');
  else dir = resolve(repoRoot, gitSync(repoRoot, ['rev-parse', '--git-path', 'hooks'], { userConfig: true }).toString().trim());
  return { manager, dir, file: join(dir, 'pre-commit'), repoRoot };
}
