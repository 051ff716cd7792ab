/**
 * The pre-receive hook's policy comes from the server, never from the push: `hush.json` in the
 * repository's git directory (where a push writes no file), or a file the hook script names. It is a
 * `.hush.json` (rules, allow-lists, limits) plus a `server` section: break-glass, its audit log, the
 * time budget and its outcome. A `.hush.json` or baseline inside the pushed commits is never read.
 * Kept narrow (one loader, one result) so that it can become the "server" origin of a resolved policy.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseConfig } from './config.js';
import { readSettingsFile } from './settings-file.js';
import type { HushConfig } from './config-shape.js';
import { ConfigError } from '../errors.js';
import { loadBaseline, type Baseline } from '../report/baseline.js';

const SERVER_CONFIG_FILE = 'hush.json';
const BYPASS_LOG_FILE = 'hush-bypass.log';
/** GitHub Enterprise Server stops a pre-receive hook after 5 s: leave room for start-up and git. */
const DEFAULT_TIME_BUDGET_MS = 4000;

interface ServerSettings {
  /** `git push -o hush.allow="<reason>"` lets a rejected push through (logged). */
  allowBypass: boolean;
  /** Absolute path of the JSON-lines break-glass log. */
  bypassLog: string;
  /** Milliseconds the whole run may take, start-up included. */
  timeBudgetMs: number;
  /** What happens to a push too large to judge within the budget. */
  onBudgetExceeded: 'reject' | 'admit';
}

export interface ServerPolicy {
  /** Scan settings, as a `.hush.json` gives them. */
  config: HushConfig;
  server: ServerSettings;
  /** Findings the server accepts (`server.baseline`). */
  baseline?: { baseline: Baseline; label: string };
  /** The file the policy came from; undefined: none, built-in defaults. */
  source?: string;
}

const SERVER_KEYS = ['allowBypass', 'bypassLog', 'timeBudgetMs', 'onBudgetExceeded', 'baseline'] as const;

/** The policy for the repository at `gitDir`: the file named (`explicit`), else `hush.json` there. */
export async function loadServerPolicy(gitDir: string, explicit?: string): Promise<ServerPolicy> {
  const path = explicit ? resolve(gitDir, explicit) : join(gitDir, SERVER_CONFIG_FILE);
  const defaults = (dir: string): ServerSettings => ({
    allowBypass: false,
    bypassLog: join(dir, BYPASS_LOG_FILE),
    timeBudgetMs: DEFAULT_TIME_BUDGET_MS,
    onBudgetExceeded: 'reject',
  });
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError(`server policy not found: ${explicit}`);
    return { config: {}, server: defaults(gitDir) };
  }
  const text = readSettingsFile(path, path);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // The parser's message may quote the text: name the file only.
    throw new ConfigError(`${path}: invalid JSON`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${path}: top level must be an object`);
  const { server: section, ...scan } = raw as Record<string, unknown>;
  const dir = dirname(path);
  const server = { ...defaults(dir), ...serverSection(section, path, dir) };
  const config = await parseConfig(JSON.stringify(scan), path);
  const baselinePath =
    typeof section === 'object' && section && 'baseline' in section ? resolve(dir, String((section as { baseline: string }).baseline)) : undefined;
  return {
    config,
    server,
    ...(baselinePath ? { baseline: { baseline: loadBaseline(baselinePath), label: baselinePath } } : {}),
    source: path,
  };
}

/** The `server` section, checked key by key (errors name the key, never a value). */
function serverSection(section: unknown, label: string, dir: string): Partial<ServerSettings> {
  if (section === undefined) return {};
  if (!section || typeof section !== 'object' || Array.isArray(section)) throw new ConfigError(`${label}: server must be an object`);
  const s = section as Record<string, unknown>;
  const unknown = Object.keys(s).findIndex((k) => !(SERVER_KEYS as readonly string[]).includes(k));
  if (unknown >= 0) throw new ConfigError(`${label}: server: key #${unknown + 1} is not a known setting (expected ${SERVER_KEYS.join(', ')})`);
  const result: Partial<ServerSettings> = {};
  if (s.allowBypass !== undefined) {
    if (typeof s.allowBypass !== 'boolean') throw new ConfigError(`${label}: server.allowBypass must be true or false`);
    result.allowBypass = s.allowBypass;
  }
  if (s.timeBudgetMs !== undefined) {
    if (!Number.isInteger(s.timeBudgetMs) || (s.timeBudgetMs as number) < 100 || (s.timeBudgetMs as number) > 600_000)
      throw new ConfigError(`${label}: server.timeBudgetMs must be a whole number of milliseconds from 100 to 600000`);
    result.timeBudgetMs = s.timeBudgetMs as number;
  }
  if (s.onBudgetExceeded !== undefined) {
    if (s.onBudgetExceeded !== 'reject' && s.onBudgetExceeded !== 'admit')
      throw new ConfigError(`${label}: server.onBudgetExceeded must be "reject" or "admit"`);
    result.onBudgetExceeded = s.onBudgetExceeded;
  }
  for (const key of ['bypassLog', 'baseline'] as const) {
    if (s[key] !== undefined && (typeof s[key] !== 'string' || !s[key])) throw new ConfigError(`${label}: server.${key} must be a file path`);
  }
  if (typeof s.bypassLog === 'string') result.bypassLog = resolve(dir, s.bypassLog);
  return result;
}
