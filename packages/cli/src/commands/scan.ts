/** `hush scan [paths..]`: the working tree (or given files) through the scanner. */
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { printable, scanPaths, settle, skipReason, type ScanResult } from '@hush/scanner';
import type { ScanArgs } from '../command-line.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { emitReport, policyFlags, remoteFor } from '../report.js';

export async function runScan(args: ScanArgs, io: Io): Promise<number> {
  const scanned = await scanPaths({
    ...policyFlags(args),
    kind: 'scan',
    targets: args.paths,
    cwd: io.cwd,
    jobs: args.jobs,
    include: args.include,
    exclude: args.exclude,
    maxFileSize: args.maxFileSize,
  });
  // Named targets that match no file are a mistake (a typo, a glob the shell did not expand), not a clean pass.
  if (args.paths?.length && scanned.stats.filesScanned === 0 && scanned.skipped.length === 0) {
    throw new UsageError(`no files matched ${args.paths.join(' ')}${args.include?.length || args.exclude?.length ? ' (after --include/--exclude)' : ''}`);
  }
  const unscanned = namedFilesSkipped(args.paths ?? [], io.cwd, scanned);
  // A file the user named and hush did not read is no clean pass: say why, exit 2 (and with nothing
  // scanned at all, no report saying "no secrets found").
  if (unscanned.length && scanned.stats.filesScanned === 0) throw new UsageError(unscanned.join('; '));
  const { result, exitCode } = await settle(scanned, io);
  await emitReport(result, { format: args.format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io, {
    remoteUrl: remoteFor(result),
  });
  for (const line of unscanned) io.stderr(`hush: ${line}\n`);
  return unscanned.length ? 2 : exitCode;
}

/**
 * Why a named file was not read at all. Links out of the root are refused by design; a file cut short
 * (timeout, out of memory) is an incomplete scan, which has its own exit code (3).
 */
const UNREAD = new Set(['too-large', 'binary', 'unreadable']);

/** "<file>: not scanned: <reason>" for each named file (not a directory or glob) the scan did not read. */
function namedFilesSkipped(targets: string[], cwd: string, result: ScanResult): string[] {
  const skipped = new Map(result.skipped.filter((s) => UNREAD.has(s.reason)).map((s) => [s.path, s]));
  const lines: string[] = [];
  for (const target of targets) {
    const abs = resolve(cwd, target);
    let isFile: boolean;
    try {
      isFile = statSync(abs).isFile();
    } catch {
      continue;
    }
    const skip = isFile ? skipped.get(relative(result.root, abs).split(sep).join('/')) : undefined;
    if (skip) lines.push(`${printable(target)}: not scanned: ${skipReason(skip)}${skip.reason === 'too-large' ? '; raise --max-file-size to scan it' : ''}`);
  }
  return lines;
}
