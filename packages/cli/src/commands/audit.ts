/** `hush audit [repo]`: every unique blob in git history, each scanned once. */
import { auditRepository, settle, type AuditProgress } from '@hush/scanner';
import type { AuditArgs } from '../command-line.js';
import { existingDirectory, type Io } from '../io.js';
import { emitReport, policyFlags } from '../report.js';

export async function runAudit(args: AuditArgs, io: Io): Promise<number> {
  const progress = io.isTTY ? progressBar(io) : undefined;
  const audited = await auditRepository({
    ...policyFlags(args),
    kind: 'audit',
    cwd: io.cwd,
    repo: existingDirectory(io, args.repo ?? '.'),
    range: args.range,
    since: args.since,
    branch: args.branch,
    allObjects: args.allObjects,
    submodules: args.submodules,
    // The cache keeps hashes, not secrets: verification needs the secrets, so it rescans.
    cache: args.cache && !args.verify,
    trustConfigChanges: args.trustConfigChanges,
    maxFileSize: args.maxFileSize,
    jobs: args.jobs,
    onProgress: progress?.update,
  });
  progress?.finish();
  const { result, exitCode } = await settle(audited, io);
  const versionControl = result.repo.head
    ? [
        {
          repositoryUri: result.repo.remoteUrl && /^[a-z]+:\/\//.test(result.repo.remoteUrl) ? result.repo.remoteUrl : `file://${result.repo.root}`,
          revisionId: result.repo.head,
          ...(result.repo.branch ? { branch: result.repo.branch } : {}),
        },
      ]
    : undefined;
  await emitReport(result, { format: args.format, rules: result.rules, showSecrets: args.showSecrets, output: args.output }, io, {
    versionControl,
    remoteUrl: result.repo.remoteUrl,
    repository: { remoteUrl: result.repo.remoteUrl, head: result.repo.head, branch: result.repo.branch },
  });
  return exitCode;
}

/** One self-rewriting stderr line on a terminal; nothing at all in CI or when piped. */
function progressBar(io: Io) {
  const started = Date.now();
  let last = 0;
  return {
    update: (p: AuditProgress) => {
      const now = Date.now();
      if (now - last < 100 && p.done !== p.total) return;
      last = now;
      const width = 24;
      const filled = p.total ? Math.round((p.done / p.total) * width) : width;
      const mbps = p.bytes / 1048576 / Math.max(0.001, (now - started) / 1000);
      io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} blobs  ${mbps.toFixed(1)} MB/s  ${p.findings} matches in blobs`);
    },
    finish: () => {
      if (last) io.stderr('\r\x1b[K');
    },
  };
}
