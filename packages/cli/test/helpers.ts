// CLI test helpers: run the CLI in-process, validate SARIF (shared helpers: test-support/helpers.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { main, type Io } from '@hush/cli';
import { fixtures, repoRoot, tempDir, type RunResult } from '../../../test-support/helpers.js';

/** Runs the CLI in-process with captured output. */
export async function runHush(args: string[], cwd = repoRoot): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, cwd, env: { ...process.env } };
  const code = await main(args, io);
  return { code, stdout, stderr };
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
