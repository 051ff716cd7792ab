/**
 * `.hush.json`: user rules, disabled rules, allow-lists and limits, validated with ajv. Any problem
 * becomes one ConfigError line naming the file, the key and why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtinRules, type Rule } from '@hush/rules';

export interface HushConfig {
  /** Extra rules in the built-in rule schema. */
  rules?: Rule[];
  /** Rule ids to turn off. */
  disable?: string[];
  allow?: {
    /** picomatch globs of paths never to scan. */
    paths?: string[];
    /** Regexes: a secret matching any is not reported. */
    secrets?: string[];
    /** Case-insensitive substrings: a secret containing any is not reported. */
    stopwords?: string[];
  };
  /** The pre-commit hook. */
  hook?: {
    /** Block a commit when a staged file could not be scanned (too large, binary, ...); default: warn and allow. */
    blockOnSkipped?: boolean;
  };
  /** Files larger than this many bytes are skipped with a note (default 10 MB). */
  maxFileSize?: number;
  /** Milliseconds one file may take before scanning it is abandoned with a note (default 30000). */
  fileTimeoutMs?: number;
}

export const CONFIG_FILE = '.hush.json';
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Finds the config: an explicit file, else `.hush.json` in the scan root, else in the repo root. */
export function findConfigFile(explicit: string | undefined, roots: string[]): string | undefined {
  if (explicit) {
    const path = resolve(explicit);
    if (!existsSync(path)) throw new ConfigError(`config file not found: ${explicit}`);
    return path;
  }
  for (const root of roots) {
    const candidate = join(root, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Reads and validates a config; ajv loads only here, so scans without a config never pay for it. */
export async function loadConfig(path: string | undefined): Promise<HushConfig> {
  if (!path) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? `invalid JSON (${error.message})` : `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new ConfigError(`${path}: ${why}`);
  }
  const { validateConfig } = await import('./config-validate.js');
  return validateConfig(raw, path);
}

/** Built-in rules plus the config's, minus the disabled ones. */
export function effectiveRules(config: HushConfig): Rule[] {
  const disabled = new Set(config.disable ?? []);
  return [...builtinRules(), ...(config.rules ?? [])].filter((rule) => !disabled.has(rule.id));
}
