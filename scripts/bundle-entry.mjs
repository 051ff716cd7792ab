#!/usr/bin/env node
// hush's entry point in the bundle (copied to bundle/bin/hush.mjs by scripts/bundle.mjs). It runs the
// CLI from cli.js with V8's code cache: parsing and compiling a megabyte of JavaScript is most of what a
// pre-commit hook would otherwise wait for on every commit (Node 20 caches no ES module's code).
//
// The cache is a file per (cli.js size and mtime, Node version, platform, V8 flags, command) under
// $HUSH_CACHE_DIR, else $XDG_CACHE_HOME/hush, else ~/.cache/hush (absolute paths only, and a home that
// exists): a rebuilt cli.js gets a new key, and V8 itself rejects data from another V8 or another
// source length. Only a regular file owned by
// this user and writable by no one else is read, because its contents become code. Any failure to
// read or write it just means a compile from source. HUSH_CODE_CACHE=0 turns it off.
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

const file = fileURLToPath(new URL('./cli.js', import.meta.url));
const source = readFileSync(file, 'utf8');
const cache = cacheFile();
const cachedData = cache ? readOwnFile(cache.path) : undefined;
// cli.js is one function expression: (exports, require, module, __filename, __dirname, __hushModuleUrl).
const script = new Script(source, { filename: file, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), pathToFileURL(file).href);
process.exitCode = await module.exports.main(process.argv.slice(2));
// Written after the run, so the functions this command compiled are in it too.
if (cache && (!cachedData || script.cachedDataRejected)) writeCache(cache, script);

function cacheFile() {
  if (process.env.HUSH_CODE_CACHE === '0') return undefined;
  try {
    const base = cacheDir();
    if (!base) return undefined;
    const { size, mtimeMs } = statSync(file);
    // The hook's commands get their own cache: each holds what its command compiled.
    const command = ['staged', 'hook', 'scan', 'audit'].includes(process.argv[2]) ? process.argv[2] : 'other';
    const key = [size, Math.trunc(mtimeMs), process.version, process.platform, process.arch, process.execArgv.join(' ')].join('|');
    let hash = 2166136261;
    for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619) >>> 0;
    const prefix = `code-${command}-`;
    return { dir: base, prefix, path: join(base, `${prefix}${hash.toString(16).padStart(8, '0')}.bin`) };
  } catch {
    return undefined;
  }
}

/** An absolute directory, or undefined: never one relative to where hush runs (a repository), never a made-up home. */
function cacheDir() {
  const named = process.env.HUSH_CACHE_DIR || (process.env.XDG_CACHE_HOME && join(process.env.XDG_CACHE_HOME, 'hush'));
  if (named) return isAbsolute(named) ? named : undefined;
  const home = homedir();
  return isAbsolute(home) && existsSync(home) ? join(home, '.cache', 'hush') : undefined;
}

function readOwnFile(path) {
  let fd;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    const own = typeof process.getuid !== 'function' || stat.uid === process.getuid();
    if (!stat.isFile() || !own || (stat.mode & 0o022) !== 0) return undefined;
    const data = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    for (let n; filled < stat.size && (n = readSync(fd, data, filled, stat.size - filled, null)) > 0;) filled += n;
    return filled === stat.size ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeCache({ dir, prefix, path }, compiled) {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Caches of an older cli.js for the same command are of no further use.
    for (const name of readdirSync(dir))
      if (name.startsWith(prefix) && /^[0-9a-f]{8}\.bin$/.test(name.slice(prefix.length)) && join(dir, name) !== path) unlinkSync(join(dir, name));
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, compiled.createCachedData(), { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch {
    // No cache this time: the next run compiles from source again.
  }
}
