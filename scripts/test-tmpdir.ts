// Vitest global setup: the suite gets a temporary directory of its own (TMPDIR, which os.tmpdir(),
// git, npm and the tools the tests run all honour), and the run fails if anything is left in it at
// the end: every test removes what it made.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  // The bundle's code cache (scripts/bundle-entry.cjs) goes to a directory of the run's own, never the
  // user's ~/.cache; it is made before TMPDIR changes, so the litter check does not count it.
  const codeCache = mkdtempSync(join(tmpdir(), 'hush-test-code-cache-'));
  process.env.HUSH_CACHE_DIR = codeCache;
  const dir = mkdtempSync(join(tmpdir(), 'hush-test-run-'));
  process.env.TMPDIR = dir;
  return () => {
    rmSync(codeCache, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    const left = readdirSync(dir);
    rmSync(dir, { recursive: true, force: true });
    if (left.length) throw new Error(`the tests left ${left.length} temporary file(s) behind: ${left.slice(0, 20).join(', ')}`);
  };
}
