/**
 * Every file `hook install`/`uninstall` writes or edits (hook scripts, husky files, lefthook.yml,
 * .pre-commit-config.yaml, their backups) is checked first and written by rename. A repository can
 * commit any of them, or a directory on the way to them, as a symlink to somewhere else
 * (`.husky/pre-commit` → `~/.bashrc`); inside the work tree hush therefore writes only where no
 * symlink leads, and replaces a file rather than writing into it.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

/** A problem the user can fix (printed as one line, exit 2). */
export class HookError extends Error {
  override name = 'HookError';
}

/**
 * Refuses `file` when it lies in the work tree and it, or a directory between the work tree's root
 * and it, is a symlink. Outside the work tree (the git dir, a hooks directory of the user's own) the
 * path is the user's to choose.
 */
export function refuseLinkedTarget(file: string, repoRoot: string): void {
  const rel = relative(repoRoot, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return;
  let current = repoRoot;
  for (const part of rel.split(sep)) {
    current = join(current, part);
    const stat = lstatSync(current, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isSymbolicLink())
      throw new HookError(
        `${relative(repoRoot, current)} is a symlink; hush does not write through it (it could lead out of the repository): replace it with a real file or directory first`,
      );
  }
}

/** Writes `content` to a new file beside `file` and renames it over `file` (a link there is replaced, never followed). */
export function replaceWith(file: string, content: string | Buffer, mode?: number): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx', mode: mode ?? 0o644 });
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new HookError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The mode a replaced file keeps (its current permission bits), or `fallback` for a new one. */
export function currentMode(file: string, fallback: number): number {
  const stat = lstatSync(file, { throwIfNoEntry: false });
  return stat?.isFile() ? stat.mode & 0o777 : fallback;
}
