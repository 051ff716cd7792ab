/**
 * Files under the scan targets: a walk that honours `.gitignore` at every level, never enters `.git`,
 * does not follow symlinks out of the root, and applies --include/--exclude globs (picomatch).
 * Glob targets (`src/**\/*.ts`) are expanded with fast-glob.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { SkippedFile } from '../types.js';

export interface FileEntry {
  /** Absolute path on disk (raw bytes when the name is not valid UTF-8). */
  abs: string | Buffer;
  /** Path relative to the root, `/`-separated. */
  rel: string;
  size: number;
}

export interface WalkOptions {
  include?: string[];
  exclude?: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

export interface WalkResult {
  files: FileEntry[];
  skipped: SkippedFile[];
}

const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

export function walkFiles(root: string, targets: string[], options: WalkOptions = {}): WalkResult {
  const rootReal = realpathSync(root);
  const include = options.include?.length ? picomatch(options.include, { dot: true }) : undefined;
  const exclude = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : undefined;
  const useGitignore = options.gitignore !== false;
  const files: FileEntry[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  const ignoreCache = new Map<string, Ignore | null>();

  const keep = (rel: string) => (!include || include(rel)) && !(exclude && exclude(rel));

  /** The .gitignore matcher of a directory, relative to that directory. */
  const ignoreOf = (dir: string): Ignore | null => {
    if (!useGitignore) return null;
    let cached = ignoreCache.get(dir);
    if (cached !== undefined) return cached;
    cached = null;
    try {
      cached = ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
    } catch {
      /* no .gitignore here */
    }
    ignoreCache.set(dir, cached);
    return cached;
  };

  /** Is `abs` ignored by the .gitignore of any directory between the root and it? */
  const ignored = (abs: string, isDir: boolean): boolean => {
    if (!useGitignore) return false;
    let dir = abs;
    while (true) {
      const parent = resolve(dir, '..');
      if (parent === dir || !isInside(root, parent)) return false;
      const matcher = ignoreOf(parent);
      if (matcher) {
        const rel = toPosix(relative(parent, abs)) + (isDir ? '/' : '');
        if (matcher.ignores(rel)) return true;
      }
      if (parent === root) return false;
      dir = parent;
    }
  };

  const addFile = (abs: string, size: number, raw?: Buffer) => {
    const rel = toPosix(relative(root, abs));
    if (seen.has(abs) || !keep(rel)) return;
    seen.add(abs);
    files.push({ abs: raw ?? abs, rel, size });
  };

  /** `abs` is for display and ignore rules; `raw` is the exact name on disk when it is not UTF-8. */
  const visit = (abs: string, explicit: boolean, raw?: Buffer) => {
    const onDisk = raw ?? abs;
    let stat;
    try {
      stat = lstatSync(onDisk);
    } catch (error) {
      skipped.push({ path: toPosix(relative(root, abs)), reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code });
      return;
    }
    if (stat.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(onDisk).toString();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        skipped.push({ path: toPosix(relative(root, abs)), reason: code === 'ELOOP' ? 'symlink-loop' : 'unreadable', detail: code });
        return;
      }
      if (!isInside(rootReal, real)) {
        skipped.push({ path: toPosix(relative(root, abs)), reason: 'symlink-outside-root', detail: 'not followed' });
        return;
      }
      // Links to directories inside the root are not followed: their files are reached directly.
      const target = statSync(onDisk);
      if (target.isFile() && !ignored(abs, false)) addFile(abs, target.size, raw);
      return;
    }
    if (stat.isDirectory()) {
      const name = abs.slice(abs.lastIndexOf(sep) + 1);
      if (name === '.git' || (!explicit && ignored(abs, true))) return;
      let entries: Buffer[];
      try {
        entries = readdirSync(onDisk, { encoding: 'buffer' });
      } catch (error) {
        skipped.push({ path: toPosix(relative(root, abs)) || '.', reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code });
        return;
      }
      entries.sort(Buffer.compare);
      for (const entry of entries) {
        const name = entry.toString('utf8');
        const exact = !raw && Buffer.from(name, 'utf8').equals(entry);
        visit(join(abs, name), false, exact ? undefined : Buffer.concat([Buffer.from(onDisk), Buffer.from(sep), entry]));
      }
      return;
    }
    if (stat.isFile() && (explicit || !ignored(abs, false))) addFile(abs, stat.size, raw);
  };

  for (const target of targets) {
    if (fg.isDynamicPattern(target)) {
      for (const match of fg.sync(target, { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/.git/**'] })) {
        visit(resolve(root, match), true);
      }
    } else {
      visit(isAbsolute(target) ? target : resolve(root, target), true);
    }
  }
  return { files, skipped };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
