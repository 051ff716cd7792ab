/**
 * Files under the scan targets: a walk that honours `.gitignore` at every level (each directory's
 * matchers are carried down, so a file costs one check per active .gitignore), never enters `.git`,
 * does not follow symlinks out of the root, and applies --include/--exclude globs (picomatch).
 * Glob targets (`src/**\/*.ts`) are expanded by `expandGlobs` (fast-glob, loaded only then). Sizes are left to the scanners, which
 * stat each file themselves (in parallel) before reading it.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isInside } from './contained-files.js';
import ignore, { type Ignore } from 'ignore';
import { pathGlobMatcher } from './path-globs.js';
import type { SkippedFile } from '../types.js';

export interface FileEntry {
  /** Absolute path on disk (raw bytes when the name is not valid UTF-8). */
  abs: string | Buffer;
  /** Path relative to the root, `/`-separated. */
  rel: string;
  /** Size in bytes when known (-1: the scanner stats the file). */
  size: number;
}

export interface WalkOptions {
  include?: string[];
  exclude?: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /**
   * Lists a directory target the way its version control does (names relative to it, raw bytes), or
   * returns undefined to have it walked; e.g. `gitListedFiles`, so a tracked file .gitignore matches is scanned.
   */
  listFiles?: (dir: string) => Buffer[] | undefined;
  /** Told of each file or directory a .gitignore rule kept out of the walk (so the scan can say how many). */
  onIgnored?: (rel: string, isDir: boolean) => void;
}

/** @public part of an exported shape */
export interface WalkResult {
  files: FileEntry[];
  skipped: SkippedFile[];
}

interface Matcher {
  /** Directory of the .gitignore, relative to the root, with a trailing `/` (or '' for the root). */
  base: string;
  ig: Ignore;
}

const GITIGNORE = Buffer.from('.gitignore');
const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

/** @public for tests, which import it from the build (with the built pool) */
export function walkFiles(root: string, targets: string[], options: WalkOptions = {}): WalkResult {
  const skipped: SkippedFile[] = [];
  const files = [...iterateFiles(root, targets, options, skipped)];
  return { files, skipped };
}

/** The same walk, one file at a time, so scanning can start before the walk ends. */
export function* iterateFiles(root: string, targets: string[], options: WalkOptions = {}, skipped: SkippedFile[] = []): Generator<FileEntry> {
  const rootReal = realpathSync(root);
  const include = pathGlobMatcher(options.include);
  const exclude = pathGlobMatcher(options.exclude);
  const useGitignore = options.gitignore !== false;
  const seen = new Set<string>();
  const keep = (rel: string) => (!include || include(rel)) && !(exclude && exclude(rel));

  const gitignoreOf = (dir: string | Buffer, relDir: string): Matcher | undefined => {
    if (!useGitignore) return undefined;
    try {
      const text = readFileSync(typeof dir === 'string' ? join(dir, '.gitignore') : Buffer.concat([dir, Buffer.from(`${sep}.gitignore`)]), 'utf8');
      return { base: relDir ? `${relDir}/` : '', ig: ignore().add(text) };
    } catch {
      return undefined;
    }
  };

  const isIgnored = (rel: string, isDir: boolean, matchers: Matcher[]): boolean => {
    for (const m of matchers) {
      if (m.base && !rel.startsWith(m.base)) continue;
      if (m.ig.ignores(rel.slice(m.base.length) + (isDir ? '/' : ''))) return true;
    }
    return false;
  };

  /** The .gitignore matchers of the directories above `dirAbs`, up to the root (for explicit targets). */
  const ancestorMatchers = (dirAbs: string): Matcher[] => {
    const matchers: Matcher[] = [];
    const rel = toPosix(relative(root, dirAbs));
    if (rel.startsWith('..') || isAbsolute(rel)) return matchers;
    const parts = rel ? rel.split('/') : [];
    for (let depth = 0; depth < parts.length; depth++) {
      const relDir = parts.slice(0, depth).join('/');
      const m = gitignoreOf(join(root, relDir), relDir);
      if (m) matchers.push(m);
    }
    return matchers;
  };

  const fileEntry = (abs: string, rel: string, size: number, raw?: Buffer): FileEntry | undefined => {
    if (seen.has(abs) || !keep(rel)) return undefined;
    seen.add(abs);
    return { abs: raw ?? abs, rel, size };
  };

  /** Follows a symlink only to a regular file inside the root; directories are reached directly. */
  const visitSymlink = (abs: string, rel: string, raw: Buffer | undefined): FileEntry | undefined => {
    let real: string;
    try {
      real = realpathSync(raw ?? abs).toString();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      skipped.push({ path: rel, reason: code === 'ELOOP' ? 'symlink-loop' : 'unreadable', detail: code });
      return;
    }
    if (!isInside(rootReal, real)) {
      skipped.push({ path: rel, reason: 'symlink-outside-root', detail: 'not followed' });
      return;
    }
    const target = statSync(raw ?? abs);
    return target.isFile() ? fileEntry(abs, rel, target.size, raw) : undefined;
  };

  const visitDir = function* (abs: string, raw: Buffer | undefined, rel: string, inherited: Matcher[]): Generator<FileEntry> {
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(raw ?? abs, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      skipped.push({ path: rel || '.', reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code });
      return;
    }
    // Read only where the listing has one: a failed open per directory costs an exception each.
    const own = entries.some((e) => e.name.equals(GITIGNORE)) ? gitignoreOf(raw ?? abs, rel) : undefined;
    const matchers = own ? [...inherited, own] : inherited;
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    // `abs` is normalized and a listed name holds no separator: joined by hand, since path.join would
    // normalize the whole path again for every entry of every directory (the walk is on the main thread).
    const prefix = abs.endsWith(sep) ? abs : abs + sep;
    for (const entry of entries) {
      const name = entry.name.toString('utf8');
      // A name that is not valid UTF-8 decodes with U+FFFD in it: only those are compared byte for byte.
      const exact = !raw && (!name.includes('\uFFFD') || Buffer.from(name, 'utf8').equals(entry.name));
      const childAbs = prefix + name;
      const childRaw = exact ? undefined : Buffer.concat([Buffer.from(raw ?? abs), Buffer.from(sep), entry.name]);
      const childRel = rel ? `${rel}/${name}` : name;
      const ignored = (isDir: boolean) => {
        if (!isIgnored(childRel, isDir, matchers)) return false;
        options.onIgnored?.(childRel, isDir);
        return true;
      };
      if (entry.isDirectory()) {
        if (name === '.git' || ignored(true)) continue;
        yield* visitDir(childAbs, childRaw, childRel, matchers);
      } else if (entry.isFile()) {
        const file = ignored(false) ? undefined : fileEntry(childAbs, childRel, -1, childRaw);
        if (file) yield file;
      } else if (entry.isSymbolicLink()) {
        const file = ignored(false) ? undefined : visitSymlink(childAbs, childRel, childRaw);
        if (file) yield file;
      }
      // FIFOs, sockets and devices are never opened.
    }
  };

  /** Entries a `listFiles` gave for `abs`: files, symlinks (same rules as the walk) and nested repositories. */
  const visitListed = function* (abs: string, rel: string, names: Buffer[]): Generator<FileEntry> {
    for (const name of names) {
      const text = name.toString('utf8');
      const exact = Buffer.from(text, 'utf8').equals(name);
      const childAbs = join(abs, text);
      const childRaw = exact ? undefined : Buffer.concat([Buffer.from(abs), Buffer.from(sep), name]);
      const childRel = (rel ? `${rel}/${text}` : text).replace(/\/$/, '');
      let stat;
      try {
        stat = lstatSync(childRaw ?? childAbs);
      } catch {
        continue; // tracked but deleted from the work tree: nothing to read
      }
      let file: FileEntry | undefined;
      if (stat.isSymbolicLink()) file = visitSymlink(childAbs, childRel, childRaw);
      else if (stat.isFile()) file = fileEntry(childAbs, childRel, stat.size, childRaw);
      else if (stat.isDirectory() && hasGitDir(childRaw ?? childAbs)) {
        // A submodule or nested repository (an uninitialised submodule's empty directory lists as "./").
        yield* childRaw ? visitDir(childAbs, childRaw, childRel, []) : visitDirectoryTarget(childAbs.replace(/[\\/]$/, ''), childRel, []);
      }
      if (file) yield file;
    }
  };

  /** A directory: listed by `listFiles` when it can (a submodule or nested repository lists itself), else walked. */
  const visitDirectoryTarget = function* (abs: string, rel: string, matchers: Matcher[]): Generator<FileEntry> {
    const listed = options.listFiles?.(abs);
    if (listed) yield* visitListed(abs, rel, listed);
    else yield* visitDir(abs, undefined, rel, matchers);
  };

  /** A target named on the command line: scanned even if ignored. */
  const visitTarget = function* (abs: string): Generator<FileEntry> {
    const rel = toPosix(relative(root, abs));
    let stat;
    try {
      stat = lstatSync(abs);
    } catch (error) {
      skipped.push({ path: rel, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code });
      return;
    }
    // Under the root by name means under it for real: `cfg/*` through a symlinked `cfg` is not.
    if (!stat.isSymbolicLink() && isInside(root, abs) && !isInside(rootReal, realpathSync(abs))) {
      skipped.push({ path: rel, reason: 'symlink-outside-root', detail: 'reached through a symlinked directory; not followed' });
      return;
    }
    let file: FileEntry | undefined;
    if (stat.isSymbolicLink()) file = visitSymlink(abs, rel, undefined);
    else if (stat.isDirectory()) yield* visitDirectoryTarget(abs, rel, ancestorMatchers(abs));
    else if (stat.isFile()) file = fileEntry(abs, rel, stat.size);
    if (file) yield file;
  };

  for (const target of targets) yield* visitTarget(isAbsolute(target) ? target : resolve(root, target));
}

/** Whether a scan target is a glob pattern rather than a path. */
export const isGlob = (target: string) => /[*?[{]/.test(target);

/** Expands glob targets to the files they match; plain paths pass through. fast-glob loads only here. */
export async function expandGlobs(root: string, targets: string[]): Promise<string[]> {
  if (!targets.some(isGlob)) return targets;
  const { default: fg } = await import('fast-glob');
  return targets.flatMap((target) =>
    isGlob(target)
      ? fg.sync(target, { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/.git/**'] }).map((match) => resolve(root, match))
      : [target],
  );
}

function hasGitDir(dir: string | Buffer): boolean {
  return existsSync(typeof dir === 'string' ? join(dir, '.git') : Buffer.concat([dir, Buffer.from(`${sep}.git`)]));
}
