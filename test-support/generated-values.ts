// Values of a documented shape for tests through the real CLI: deterministic, random-looking, and
// generated here, never taken from another project's data.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { runHushProcess } from './helpers.js';

export const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A deterministic random-looking value of `length` characters from `alphabet`. */
export function value(seed: string, length: number, alphabet = BASE62): string {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    for (const byte of createHash('sha256').update(`${seed}:${block}`).digest()) out += alphabet[byte % alphabet.length];
  }
  return out.slice(0, length);
}

/** A random-looking value of `length` letters and digits, then `7q`: surely holding a letter and a digit. */
export const generatedSecret = (seed: string, length = 18) => `${value(seed, length, BASE62)}7q`;

export interface ScannedFinding {
  ruleId: string;
  line: number;
  path: string;
}

/** Writes `files` into `dir` (names may hold folders) and returns what `hush scan dir --format json` reports there. */
export function scanFiles(dir: string, files: Record<string, string>): ScannedFinding[] {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const result = runHushProcess(['scan', dir, '--format', 'json']);
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { findings: ScannedFinding[] }).findings;
}

/** [line, rule id] of the provider (not generic) findings in the file whose path ends with `name`. */
export const providerFindings = (found: ScannedFinding[], name: string) =>
  found.filter((f) => f.path.endsWith(name) && !f.ruleId.startsWith('generic.')).map((f) => [f.line, f.ruleId]);

/** [file name, line, rule id] of every finding, in the report's order. */
export const locatedFindings = (found: ScannedFinding[]) => found.map((f) => [f.path.split('/').pop(), f.line, f.ruleId]);
