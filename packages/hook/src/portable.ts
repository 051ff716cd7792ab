/**
 * The command a committed file (`.husky/pre-commit`, `lefthook.yml`, `.pre-commit-config.yaml`, a
 * tracked hooks directory) uses to run hush: it names no path of this machine, so it works on every
 * clone. The project's own package manager runs the hush it installed (the lockfile says which).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function portableHushCommand(repoRoot: string): string {
  if (existsSync(join(repoRoot, 'pnpm-lock.yaml'))) return 'pnpm exec hush';
  if (existsSync(join(repoRoot, 'yarn.lock'))) return 'yarn hush';
  // --no-install: never download a package that happens to be called `hush` from the registry.
  return 'npx --no-install hush';
}
