/**
 * What every scan runs with, settled in one place from `.hush.json` and the caller's options: the
 * rules, the size cap, the path allow-list and the worker pool's options. The tree scan, the staged
 * scan and the history audit all take their settings from here.
 */
import { availableParallelism } from 'node:os';
import type { Rule } from '@hush/rules';
import { effectiveRules, findConfigFile, loadConfig } from '../config/config.js';
import { DEFAULT_MAX_FILE_SIZE, type HushConfig } from '../config/config-shape.js';
import { pathGlobMatcher } from '../sources/path-globs.js';
import type { PoolOptions } from '../run/pool.js';

export interface ScanSettings {
  config: HushConfig;
  rules: Rule[];
  /** Larger files and blobs are skipped with a note, never read. */
  maxFileSize: number;
  /** Paths `allow.paths` keeps out of every scan (undefined: none). */
  allowedPath?: (rel: string) => boolean;
  /** User rules are untrusted regexes: they need worker threads, whose watchdog can stop a runaway one. */
  hasUserRules: boolean;
  pool: PoolOptions;
}

/** What a caller may set over the config (command-line flags). */
export interface SettingsOverrides {
  jobs?: number;
  maxFileSize?: number;
  workers?: PoolOptions['workers'];
  /** Whether findings carry SARIF's line hash (default true): off for the hook, whose message shows none. */
  lineHashes?: boolean;
}

export function scanSettings(config: HushConfig, overrides: SettingsOverrides = {}): ScanSettings {
  const rules = effectiveRules(config);
  const maxFileSize = overrides.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const hasUserRules = Boolean(config.rules?.length);
  return {
    config,
    rules,
    maxFileSize,
    allowedPath: pathGlobMatcher(config.allow?.paths),
    hasUserRules,
    pool: {
      rules,
      jobs: overrides.jobs ?? availableParallelism(),
      maxFileSize,
      allowSecrets: config.allow?.secrets ?? [],
      stopwords: config.allow?.stopwords ?? [],
      workers: overrides.workers,
      fileTimeoutMs: config.fileTimeoutMs,
      // A user rule's runaway regex may get a worker stopped: its blobs must still be here to scan again.
      keepContent: hasUserRules,
      lineHashes: overrides.lineHashes ?? true,
    },
  };
}

/**
 * Worker threads for a history audit (for a report, a baseline, a purge plan or an organisation's shard)
 * when `--jobs` is not given. The audit streams every blob from `git cat-file`, which spends most of a
 * CPU inflating them while the workers scan, so it leaves git one CPU: on 2 CPUs an audit scans on one
 * thread, 6% faster and with 27% less CPU than on two (docs/performance.md, eleventh round).
 */
export function auditJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Settings from the config found in `roots` (or the one named), plus the caller's overrides. */
export async function loadScanSettings(configFile: string | undefined, roots: string[], overrides: SettingsOverrides = {}): Promise<ScanSettings> {
  return scanSettings(await loadConfig(findConfigFile(configFile, roots)), overrides);
}
