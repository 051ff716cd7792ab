/** `hush audit [repo]`: every unique blob in git history, each scanned once. */
import { resolve } from 'node:path';
import { auditRepository, type AuditProgress } from '@hush/scanner';
import type { Argv } from 'yargs';
import { writeReport, type Io } from '../io.js';
import { exitCodeFor, render, withBaseline, type Format } from '../report.js';
import { sharedOptions, type SharedArgs } from './shared.js';

export interface AuditArgs extends SharedArgs {
  repo?: string;
  range?: string;
  since?: string;
  branch?: string;
  allObjects: boolean;
  submodules: boolean;
  cache: boolean;
  maxFileSize?: number;
}

export function auditBuilder(yargs: Argv): Argv<AuditArgs> {
  return sharedOptions(yargs)
    .positional('repo', { type: 'string', describe: 'repository path (default: .)' })
    .option('range', { type: 'string', describe: 'only blobs introduced by commits in A..B (pull-request gate)' })
    .option('since', { type: 'string', describe: 'only commits after REV (up to HEAD)' })
    .option('branch', { type: 'string', describe: 'only this branch (default: all refs, tags and stash)' })
    .option('all-objects', { type: 'boolean', default: false, describe: 'also scan blobs no ref reaches' })
    .option('submodules', { type: 'boolean', default: false, describe: 'also audit checked-out submodules' })
    .option('cache', { type: 'boolean', default: true, describe: 'reuse results for blobs already scanned (--no-cache to bypass)' })
    .option('max-file-size', { type: 'number', describe: 'skip blobs larger than this many bytes (default 10 MB)' })
    .conflicts('range', ['since', 'branch']) as unknown as Argv<AuditArgs>;
}

export async function runAudit(args: AuditArgs, io: Io): Promise<number> {
  const progress = io.isTTY ? progressBar(io) : undefined;
  const result = await auditRepository({
    repo: resolve(io.cwd, args.repo ?? '.'),
    range: args.range,
    since: args.since,
    branch: args.branch,
    allObjects: args.allObjects,
    submodules: args.submodules,
    cache: args.cache,
    configFile: args.config,
    maxFileSize: args.maxFileSize,
    includeSuppressed: args.includeSuppressed,
    jobs: args.jobs,
    onProgress: progress?.update,
  });
  progress?.finish();
  const versionControl = result.repo.head
    ? [{ repositoryUri: result.repo.remoteUrl && /^[a-z]+:\/\//.test(result.repo.remoteUrl) ? result.repo.remoteUrl : `file://${result.repo.root}`, revisionId: result.repo.head, ...(result.repo.branch ? { branch: result.repo.branch } : {}) }]
    : undefined;
  const final = withBaseline(result, io, args.baseline, args.includeSuppressed);
  const text = render(final, { format: args.format as Format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io, { versionControl });
  writeReport(io, text, args.output);
  return exitCodeFor(final);
}

/** One self-rewriting stderr line on a terminal; nothing at all in CI or when piped. */
function progressBar(io: Io) {
  const started = Date.now();
  let last = 0;
  return {
    update(p: AuditProgress) {
      const now = Date.now();
      if (now - last < 100 && p.done !== p.total) return;
      last = now;
      const width = 24;
      const filled = p.total ? Math.round((p.done / p.total) * width) : width;
      const mbps = p.bytes / 1048576 / Math.max(0.001, (now - started) / 1000);
      io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} blobs  ${mbps.toFixed(1)} MB/s  ${p.findings} findings`);
    },
    finish() {
      if (last) io.stderr('\r\x1b[K');
    },
  };
}
