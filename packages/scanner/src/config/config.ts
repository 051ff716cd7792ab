/**
 * `.hush.json`: user rules, disabled rules, allow-lists and limits, validated with ajv. Any problem
 * becomes one ConfigError line naming the file, the key and why.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtinPathClasses, builtinRules, withPathClasses, type Rule } from '@hush/rules';
import { CONFIG_FILE, type HushConfig } from './config-shape.js';
import { containedPath } from '../contained-files.js';
import { readSettingsFile } from './settings-file.js';
import { ConfigError } from '../errors.js';

/** Finds the config: an explicit file (resolved from `cwd`), else `.hush.json` in the scan root, else in the repo root. */
export function findConfigFile(explicit: string | undefined, roots: string[], cwd = process.cwd()): string | undefined {
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new ConfigError(`config file not found: ${explicit}`);
    return path;
  }
  for (const root of roots) {
    const candidate = join(root, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Reads and validates a config. The validator (and with it ajv, through `@hush/rules/lint`) is
 * imported only here, on demand, so a scan without a config never loads it.
 */
export async function loadConfig(path: string | undefined): Promise<HushConfig> {
  if (!path) return {};
  return parseConfig(readSettingsFile(containedPath(path, 'the config'), path), path);
}

/** Validates config text (from a file or a git revision); `label` names it in errors. */
export async function parseConfig(text: string, label: string): Promise<HushConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the error, which may be a secret pasted unquoted.
    throw new ConfigError(`${label}: invalid JSON at ${lineAndColumn(text, jsonErrorOffset(text))}`);
  }
  const { validateConfig } = await import('./config-validate.js');
  return validateConfig(raw, label);
}

/**
 * Where JSON text first goes wrong: the shortest prefix that is already invalid (rather than merely
 * unfinished), found by bisection, so no message needs to show the text itself.
 */
function jsonErrorOffset(text: string): number {
  const unfinished = (n: number) => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (error) {
      // An error at the very end of the prefix only means the text was cut there.
      const message = (error as Error).message;
      const position = /at position (\d+)/.exec(message);
      return /end of JSON input|Unterminated/.test(message) || (position !== null && Number(position[1]) >= n);
    }
  };
  if (unfinished(text.length)) return text.length;
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (unfinished(mid)) good = mid;
    else bad = mid;
  }
  return bad - 1;
}

function lineAndColumn(text: string, offset: number): string {
  if (offset < 0 || offset >= text.length) return 'the end of the file';
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Built-in rules plus the config's, minus the disabled ones. */
export function effectiveRules(config: HushConfig): Rule[] {
  const disabled = new Set(config.disable ?? []);
  const own = (config.rules ?? []).map((rule) => withPathClasses(rule, builtinPathClasses()));
  return [...builtinRules(), ...own].filter((rule) => !disabled.has(rule.id));
}
