/**
 * The files of a directory inside a git work tree, as git sees them: everything tracked (also what
 * `.gitignore` matches, such as a committed `.env`) plus untracked files that are not ignored.
 */
import { gitSync } from './git-process.js';

/**
 * Names under `dir` (relative to it, raw bytes as git stores them), or undefined when `dir` is not in
 * a work tree (or git cannot run), so the caller walks the directory itself. Untracked nested
 * repositories come back as one `name/` entry.
 */
export function gitListedFiles(dir: string): Buffer[] | undefined {
  let out: Buffer;
  try {
    out = gitSync(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  } catch {
    return undefined;
  }
  const names: Buffer[] = [];
  let start = 0;
  for (let end = out.indexOf(0); end >= 0; start = end + 1, end = out.indexOf(0, start)) {
    if (end > start) names.push(out.subarray(start, end));
  }
  return names;
}
