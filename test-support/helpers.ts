// Test helpers shared by every package's tests: the repository's paths, running the installed hush
// binary as a process, and temp directories removed after each test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const fixtures = join(repoRoot, 'test-fixtures');
export const hushBin = join(repoRoot, 'node_modules/.bin/hush');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the installed bin as a separate process (what users and hooks run). */
export function runHushProcess(args: string[], cwd = repoRoot, env: NodeJS.ProcessEnv = {}): RunResult {
  const result = spawnSync(hushBin, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'hush-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Temp directories (and other clean-ups) that each test gets rid of when it ends. */
export function perTestTemp() {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  return {
    /** A new empty directory, removed after the test. */
    dir(prefix?: string): string {
      const made = tempDir(prefix);
      cleanups.push(made.cleanup);
      return made.path;
    },
    /** Runs `cleanup` after the test. */
    defer(cleanup: () => void): void {
      cleanups.push(cleanup);
    },
  };
}
