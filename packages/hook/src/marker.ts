/** How hush recognises its own hooks, and which git hooks it installs. */
import { existsSync, readFileSync } from 'node:fs';

export const MARKER = '# hush pre-commit hook';
export const ORIGINAL_SUFFIX = '.hush-original';

/** pre-merge-commit too: `git merge` creates a commit without running pre-commit. */
export const HOOKS = ['pre-commit', 'pre-merge-commit'] as const;
export type GitHook = (typeof HOOKS)[number];

export function isHushHook(file: string): boolean {
  return existsSync(file) && readFileSync(file, 'utf8').includes(MARKER);
}
