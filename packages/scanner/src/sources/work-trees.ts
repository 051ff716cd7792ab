/** Every place a repository keeps files: each work tree (the main one and linked ones) and its git directories. */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { gitSync } from './git-process.js';

/** Real paths of the repository's work trees, its git dir and its common git dir (those that exist). */
export function repositoryPlaces(repo: string): string[] {
  const places = new Set<string>();
  const list = gitSync(repo, ['worktree', 'list', '--porcelain', '-z'], { allowFailure: true }).toString('utf8');
  for (const field of list.split('\0')) if (field.startsWith('worktree ')) places.add(field.slice('worktree '.length));
  for (const flag of ['--absolute-git-dir', '--git-common-dir']) {
    const dir = gitSync(repo, ['rev-parse', flag], { allowFailure: true }).toString().trim();
    if (dir) places.add(resolve(repo, dir));
  }
  const top = gitSync(repo, ['rev-parse', '--show-toplevel'], { allowFailure: true }).toString().trim();
  if (top) places.add(top);
  return [...places].map((place) => {
    try {
      return realpathSync(place);
    } catch {
      return place;
    }
  });
}
