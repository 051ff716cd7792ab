/** Wires the stages for a working-tree scan: config → file walk → workers → sorted findings. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { existsSync, realpathSync, statSync } from 'node:fs';
import type { Rule } from '@hush/rules';
import { effectiveRules, findConfigFile, loadConfig } from './config.js';
import { DEFAULT_MAX_FILE_SIZE, type HushConfig } from './config-shape.js';
import { ConfigError } from './errors.js';
import { linkCertificates, type CertificateInfo } from './certificates.js';
import { enclosingRepoRoot, isInside } from './contained-files.js';
import { ScanPool, shouldUseWorkers } from './pool.js';
import type { FileScanOutcome } from './scan-file.js';
import { expandGlobs, isGlob, iterateFiles, type FileEntry } from './sources/fs.js';
import { gitListedFiles } from './sources/git-files.js';
import type { Finding, ScanResult, SkippedFile } from './types.js';
import { fingerprintsFrom } from './fingerprint.js';

export interface ScanOptions {
  /** Files, directories or globs; default the current directory. */
  targets?: string[];
  cwd?: string;
  configFile?: string;
  /** Extra roots searched for `.hush.json` (e.g. the repository root). */
  configRoots?: string[];
  jobs?: number;
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  workers?: 'auto' | 'always' | 'never';
  /** Keep findings that inline markers or allow-lists suppressed (marked as such). */
  includeSuppressed?: boolean;
}

export interface PreparedConfig {
  config: HushConfig;
  configPath?: string;
  rules: Rule[];
}

export async function prepareConfig(configFile: string | undefined, roots: string[]): Promise<PreparedConfig> {
  const configPath = findConfigFile(configFile, roots);
  const config = await loadConfig(configPath);
  return { config, configPath, rules: effectiveRules(config) };
}

/** The directory finding paths are relative to: the single directory target, else the cwd. */
export function scanRoot(cwd: string, targets: string[]): string {
  for (const target of targets) {
    if (!isGlob(target) && !existsSync(resolve(cwd, target))) throw new ConfigError(`no such file or directory: ${target}`);
  }
  if (targets.length === 1 && !isGlob(targets[0])) {
    const abs = resolve(cwd, targets[0]);
    // A directory that a symlink takes out of the cwd is no root of its own: the walk from the cwd
    // then notes it as a link out of the root, as it would when walking past it.
    if (statSync(abs).isDirectory() && !(isInside(cwd, abs) && !isInside(realpathSync(cwd), realpathSync(abs)))) return abs;
  }
  return cwd;
}

export async function scanPaths(options: ScanOptions = {}): Promise<ScanResult & { rules: Rule[] }> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const targets = options.targets?.length ? options.targets : ['.'];
  const root = scanRoot(cwd, targets);
  const repoRoot = enclosingRepoRoot(root);
  const { config, rules } = await prepareConfig(options.configFile, [root, ...(repoRoot ? [repoRoot] : []), ...(options.configRoots ?? []), cwd]);
  const poolOptions = {
    rules,
    jobs: options.jobs ?? availableParallelism(),
    maxFileSize: options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    allowSecrets: config.allow?.secrets ?? [],
    stopwords: config.allow?.stopwords ?? [],
    workers: options.workers,
    fileTimeoutMs: config.fileTimeoutMs,
  };
  const walkSkipped: SkippedFile[] = [];
  const files = iterateFiles(
    root,
    await expandGlobs(root, targets.map((t) => resolve(cwd, t))),
    {
      include: options.include,
      exclude: [...(options.exclude ?? []), ...(config.allow?.paths ?? [])],
      // Inside a repository a directory holds what git tracks (a committed .env too) plus untracked files it does not ignore.
      listFiles: (dir) => (enclosingRepoRoot(dir) ? gitListedFiles(dir) : undefined),
    },
    walkSkipped,
  );
  const outcomes = await scanStream(files, poolOptions, Boolean(config.rules?.length));
  const skipped = [...walkSkipped];
  const findings: Finding[] = [];
  let bytes = 0;
  let scanned = 0;
  const certificates: CertificateInfo[] = [];
  for (const outcome of outcomes) {
    findings.push(...outcome.findings);
    if (outcome.certificates) certificates.push(...outcome.certificates);
    bytes += outcome.bytes;
    if (outcome.skipped) skipped.push(outcome.skipped);
    else scanned++;
  }
  // Fingerprints name the repository-relative path, so `hush explain` finds them from any directory.
  const located = repoRoot ? fingerprintsFrom(repoRoot, root, findings) : findings;
  return finishResult(linkCertificates(located, certificates), { skipped, root, rules, scanned, bytes, started, includeSuppressed: options.includeSuppressed });
}

export { enclosingRepoRoot };

export function compareFindings(a: Finding, b: Finding): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Files needed before deciding whether worker threads pay for themselves. */
const PROBE_FILES = 64;

/**
 * Scans files as the walk finds them: once it is clear the job is big enough for worker threads,
 * files are handed to the pool while the walk goes on (yielding now and then so results flow back).
 */
async function scanStream(files: Iterator<FileEntry>, options: ConstructorParameters<typeof ScanPool>[0], hasUserRules: boolean): Promise<FileScanOutcome[]> {
  const first: FileEntry[] = [];
  let next = files.next();
  while (!next.done && first.length < PROBE_FILES) {
    first.push(next.value);
    next = files.next();
  }
  const more = !next.done;
  const useWorkers = first.length > 0 && shouldUseWorkers(options, more ? PROBE_FILES : first.length, 0, hasUserRules);
  const pool = new ScanPool(options, useWorkers);
  try {
    const pending = first.map((f) => pool.scan({ rel: f.rel, abs: f.abs, size: f.size }));
    let walked = 0;
    while (!next.done) {
      pending.push(pool.scan({ rel: next.value.rel, abs: next.value.abs, size: next.value.size }));
      if (++walked % 256 === 0) await new Promise((r) => setImmediate(r));
      next = files.next();
    }
    return await Promise.all(pending);
  } finally {
    await pool.close();
  }
}

/** Sorted findings (suppressed ones only when asked) with the stats every scan reports. */
export function finishResult<R>(
  all: Finding[],
  run: { skipped: SkippedFile[]; root: string; rules: R; scanned: number; bytes: number; started: number; includeSuppressed?: boolean; warnings?: string[] },
): ScanResult & { rules: R } {
  const findings = (run.includeSuppressed ? all : all.filter((f) => !f.suppression)).sort(compareFindings);
  return {
    findings,
    skipped: run.skipped,
    root: run.root,
    rules: run.rules,
    warnings: run.warnings ?? [],
    stats: {
      filesScanned: run.scanned,
      bytesScanned: run.bytes,
      filesSkipped: run.skipped.length,
      findings: findings.length,
      rulesRun: Array.isArray(run.rules) ? run.rules.length : 0,
      durationMs: Math.round(performance.now() - run.started),
    },
  };
}
