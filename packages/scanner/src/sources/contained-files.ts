/**
 * Files hush reads or writes beside a repository's content (config, baseline, caches). A repository
 * can commit any of them as a symlink, so a read refuses a link that leads out of the repository, and
 * a write puts a fresh temp file beside the target and renames it over, which replaces a link rather
 * than writing through it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';

/** The nearest directory at or above `dir` holding `.git` (found without running git). */
export function enclosingRepoRoot(dir: string): string | undefined {
  let current = resolve(dir);
  while (true) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * What a file may not leave: its repository. Outside any repository there is none: a path the user
 * names there (`--config /etc/hush/policy.json`, itself a link) is theirs to name.
 */
function boundaryOf(path: string): string | undefined {
  return enclosingRepoRoot(dirname(resolve(path)));
}

/** Whether `path` is `root` or inside it (paths as given: links are not resolved here). The one containment test. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The real location of `path` (links resolved), or a ConfigError when a link takes it out of
 * `boundary`. The message names the file, never the link's target or its content.
 */
export function containedPath(path: string, what: string, boundary = boundaryOf(path)): string {
  const abs = resolve(path);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !isLink(abs)) {
      // Not there yet (a baseline about to be written): its directory must stay inside instead.
      try {
        real = join(realpathSync(dirname(abs)), basename(abs));
      } catch {
        return abs;
      }
    } else throw new ConfigError(`${path}: ${what} is a symlink that cannot be resolved (${code ?? 'error'}); hush does not follow it`);
  }
  if (!boundary) return real;
  let realBoundary: string;
  try {
    realBoundary = realpathSync(boundary);
  } catch {
    realBoundary = resolve(boundary);
  }
  // A path the user named outside the boundary is theirs to name; only a link may not lead out.
  if (isInside(resolve(boundary), abs) && !isInside(realBoundary, real)) {
    throw new ConfigError(`${path}: ${what} is a symlink to somewhere outside the repository; hush does not follow it`);
  }
  return real;
}

/** Writes `text` to `path` by renaming a new temp file over it (never through a link at `path`). */
export function replaceFile(path: string, text: string): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode = 0o644;
  try {
    const current = lstatSync(path);
    if (current.isFile()) mode = statSync(path).mode & 0o777;
  } catch {
    /* a new file */
  }
  try {
    // 'wx' fails on any existing name, link or not, so the temp file is always new.
    writeFileSync(temp, text, { flag: 'wx', mode });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ConfigError(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * A file named for output (`-o`), written where the user named it: a directory on the way that is a
 * symlink inside a repository (one a repository can commit, `reports/` → elsewhere) is refused, a
 * device or FIFO at the name (`/dev/stdout`) is written to, anything else is replaced, so a link a
 * repository planted at that name (`hush.sarif`) is never written through.
 */
export function writeOutputFile(path: string, text: string, cwd = process.cwd()): void {
  const abs = resolve(cwd, path);
  refuseRepositoryLinks(abs, path);
  const target = statSync(abs, { throwIfNoEntry: false });
  if (target && !target.isFile() && !target.isDirectory()) {
    try {
      writeFileSync(abs, text);
    } catch (error) {
      throw new ConfigError(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else replaceFile(abs, text);
}

/**
 * Refuses a path whose directories pass through a symlink that sits inside a repository's work tree:
 * a repository can commit such a link, and writing through it would land wherever the repository
 * chose. Links outside every repository (a home directory on another disk) are the user's own.
 */
export function refuseRepositoryLinks(abs: string, named = abs): void {
  const parts = abs.split(sep).filter(Boolean);
  let current = abs.startsWith(sep) ? sep : '';
  for (const part of parts.slice(0, -1)) {
    current = join(current, part);
    const stat = lstatSync(current, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isSymbolicLink() && enclosingRepoRoot(dirname(current)))
      throw new ConfigError(`${named}: ${current} is a symlink inside a repository; hush does not write through it (name the real directory)`);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
