#!/usr/bin/env node
// hush's entry point in the bundle (written to bundle/bin/hush.cjs by scripts/bundle.mjs). It runs the
// CLI from cli.js with V8's code cache: parsing and compiling a megabyte of JavaScript is most of what
// a pre-commit hook would otherwise wait for on every commit (Node 20 caches no ES module's code). It
// is CommonJS: an ES module entry would start Node's ES module loader too, a few milliseconds of every
// commit (bin/hush.mjs, the entry's former name, now just loads this file).
//
// The cache is a file per (cli.js's SHA-256 and file identity, Node version, platform, architecture, V8
// flags, command) under $HUSH_CACHE_DIR, else $XDG_CACHE_HOME/hush, else ~/.cache/hush (absolute paths
// only, and a home that exists). V8 checks little of what it is given (the source's length, not its
// content), so the key names the content: another build never runs on this one's data. The build writes
// cli.js's SHA-256 into this file (hashing a megabyte costs the hook milliseconds per commit); the file's
// device, inode, size, modification and change times in the key mean a cli.js changed since (which
// changes its change time) gets a cache of its own. Because the data becomes
// code, only a file owned by this user, writable by no one else, in a directory of the same kind, is
// read, never through a link. Any failure to read or write it means a compile from source, nothing
// worse. HUSH_CODE_CACHE=0 turns it off.
const { createHash, randomBytes } = require('node:crypto');
const {
  closeSync,
  constants,
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
} = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { dirname, isAbsolute, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

/** cli.js's SHA-256, written here by scripts/bundle.mjs (left as is, the loader hashes cli.js itself). */
const CLI_SHA256 = 'b1e13201857017b77b60c2a5438c7aa03e52fb3897e98ca6cd432d727b2151c6';

/** Caches kept per command: a machine may run several hush versions (one per repository's pin). */
const KEEP_PER_COMMAND = 4;
const POSIX = process.platform !== 'win32';

// Each scan worker is a V8 isolate that optimises the same hot functions again. With V8's default
// inlining budget (920 bytes of bytecode per function) that cost a 330 MB scan ~0.35 CPU-s per isolate,
// re-optimising large functions after each deoptimisation; a quarter of it made `--jobs 2` ~9% faster
// on 2 cores at ~2% of one thread's speed (README, Performance). Set before any code is compiled, so
// the code cache's flag hash always matches; a value given to node wins. Not for the hook's commands,
// which rarely start a worker and would pay for loading node:v8 on every commit.
const command = process.argv[2];
if (!['hook', 'staged'].includes(command) && !process.execArgv.some((flag) => flag.includes('inlined-bytecode-size-cumulative')))
  require('node:v8').setFlagsFromString('--max-inlined-bytecode-size-cumulative=230');

const file = join(__dirname, 'cli.js');
// ASCII (scripts/bundle.mjs checks): read as one-byte text, which V8 also scans fastest.
const cliFd = openSync(file, 'r');
const cliStat = fstatSync(cliFd);
const source = readFileSync(cliFd, 'latin1');
closeSync(cliFd);
const cache = cacheFile(source, cliStat);
const cachedData = cache ? readOwnFile(cache.path) : undefined;
// cli.js is one function expression: (exports, require, module, __filename, __dirname, __hushModuleUrl).
const script = new Script(source, { filename: file, cachedData });
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(file), cli, file, dirname(file), pathToFileURL(file).href);
cli.exports.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Written after a run that did its work (exit 0 or 1), so the functions that command compiled are in it.
    if (cache && (!cachedData || script.cachedDataRejected) && (code === 0 || code === 1)) writeCache(cache, script);
  },
  (error) => {
    // main() answers every failure it knows with exit 2; anything else is a fault of hush's, never
    // exit 1 ("secrets found"), which a hook would read as a blocked commit with nothing to show.
    process.stderr.write(`hush: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);

function cacheFile(text, stat) {
  // Off when asked, and under V8 coverage (NODE_V8_COVERAGE): its counts need code compiled with them.
  if (process.env.HUSH_CODE_CACHE === '0' || process.env.NODE_V8_COVERAGE) return undefined;
  const dir = cacheDir();
  if (!dir) return undefined;
  // The hook's commands get their own cache: each holds what its command compiled.
  const cacheName = ['staged', 'hook', 'scan', 'audit'].includes(command) ? command : 'other';
  const built = /^[0-9a-f]{64}$/.test(CLI_SHA256);
  const identity = [stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs].join(':');
  const key = createHash('sha256')
    .update(built ? `${CLI_SHA256}\0${identity}` : text)
    .update([process.version, process.platform, process.arch, process.execArgv.join(' ')].join('\0'))
    .digest('hex')
    .slice(0, 32);
  const prefix = `code-${cacheName}-`;
  return { dir, prefix, path: join(dir, `${prefix}${key}.bin`) };
}

/** An absolute directory, or undefined: never one relative to where hush runs (a repository), never a made-up home. */
function cacheDir() {
  const named = process.env.HUSH_CACHE_DIR || (process.env.XDG_CACHE_HOME && join(process.env.XDG_CACHE_HOME, 'hush'));
  if (named) return isAbsolute(named) ? named : undefined;
  const home = homedir();
  return isAbsolute(home) && existsSync(home) ? join(home, '.cache', 'hush') : undefined;
}

/** Owned by this user and writable by no one else (on Windows, where neither is reported, any). */
function isPrivate(stat) {
  if (!POSIX) return true;
  return (typeof process.getuid !== 'function' || stat.uid === process.getuid()) && (stat.mode & 0o022) === 0;
}

function readOwnFile(path) {
  let fd;
  try {
    if (!isPrivate(statSync(dirname(path)))) return undefined;
    fd = openSync(path, constants.O_RDONLY | (POSIX ? constants.O_NOFOLLOW : 0));
    const stat = fstatSync(fd);
    if (!stat.isFile() || !isPrivate(stat)) return undefined;
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
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivate(statSync(dir))) return;
    writeFileSync(temp, compiled.createCachedData(), { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
    pruneOthers(dir, prefix, path);
  } catch {
    // No cache this time: the next run compiles from source again.
    try {
      unlinkSync(temp);
    } catch {
      // Never written, or already renamed.
    }
  }
}

/** Keeps the newest KEEP_PER_COMMAND caches of this command (other builds' too), removing the oldest. */
function pruneOthers(dir, prefix, keep) {
  const mine = readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && /^[0-9a-f]{32}\.bin$/.test(name.slice(prefix.length)) && join(dir, name) !== keep)
    .map((name) => ({ path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of mine.slice(KEEP_PER_COMMAND - 1)) unlinkSync(old.path);
}
