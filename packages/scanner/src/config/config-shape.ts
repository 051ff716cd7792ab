/** What a `.hush.json` may hold, and its limits: shared by the loader (config.ts) and the validator. */
import type { Rule } from '@hush/rules';

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
  /** Opt-in verification (`--verify`): provider endpoints, limits, and whether the hook verifies too. */
  verify?: {
    /** Per provider (`entra`, `github`, `gitlab`, `aws`, …): the base URL replacing the default (sovereign clouds, GHES). */
    endpoints?: Record<string, string>;
    /** Verify in the pre-commit hook as well (default: never). */
    hook?: boolean;
    timeoutMs?: number;
    concurrency?: number;
  };
  /** Files larger than this many bytes are skipped with a note (default 10 MB). */
  maxFileSize?: number;
  /** Milliseconds one file may take before scanning it is abandoned with a note (default 30000, at most 60000). */
  fileTimeoutMs?: number;
  /**
   * A file not scanned to its end (time limit, worker memory cap): `fail` (default)
   * makes `scan`, `audit` and `staged` exit 3 and the hook block when nothing else did; `warn` only notes it.
   */
  incompleteScan?: 'fail' | 'warn';
}

export const CONFIG_FILE = '.hush.json';
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
/** Longest `fileTimeoutMs` accepted: beyond it one pathological file could stall a run for good. */
export const MAX_FILE_TIMEOUT_MS = 60_000;
