// Test helpers: run the real CLI (in-process or as a process), temp dirs, SARIF validation.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach } from 'vitest';
import { main, type Io } from '@hush/cli';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixtures = join(repoRoot, 'test-fixtures');
export const hushBin = join(repoRoot, 'node_modules/.bin/hush');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function runHush(args: string[], cwd = repoRoot): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, cwd, env: { ...process.env } };
  const code = await main(args, io);
  return { code, stdout, stderr };
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

let sarifValidator: ReturnType<Ajv2020['compile']> | undefined;

/** Validates against the official SARIF 2.1.0 schema (draft 2020-12), kept in test-fixtures/schemas. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!sarifValidator) {
    const schema = JSON.parse(readFileSync(join(fixtures, 'schemas/sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    sarifValidator = ajv.compile(schema);
  }
  return sarifValidator(log) ? [] : (sarifValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Microsoft's SARIF Multitool with GitHub's rules; returns the error results it reports. */
export function multitoolErrors(sarifPath: string): string[] {
  const pkgDir = join(repoRoot, 'node_modules/.pnpm');
  const dir = readdirSync(pkgDir).find((d) => d.startsWith('@microsoft+sarif-multitool-linux'));
  if (!dir) throw new Error('@microsoft/sarif-multitool-linux is not installed');
  const tool = join(pkgDir, dir, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
  // The Multitool's own report goes in a directory of its own, removed after reading.
  const scratch = tempDir('hush-multitool-');
  const out = join(scratch.path, 'validation.sarif');
  let log;
  try {
    execFileSync(tool, ['validate', '--rule-kind', 'Sarif;Gh', sarifPath, '-o', out, '--log', 'ForceOverwrite'], { stdio: 'pipe' });
    log = JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    scratch.cleanup();
  }
  return (log.runs?.[0]?.results ?? [])
    .filter((r: { level?: string }) => (r.level ?? 'warning') === 'error')
    .map(
      (r: { ruleId: string; message: { text?: string; id?: string; arguments?: string[] } }) =>
        `${r.ruleId}: ${r.message.text ?? `${r.message.id} ${JSON.stringify(r.message.arguments)}`}`,
    );
}
