/** `hush baseline`: record today's findings as accepted (hashes only), prune fixed ones, or import. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  auditRepository,
  BASELINE_FILE,
  baselineFromFindings,
  baselineHashKey,
  importBaseline,
  loadBaseline,
  pruneBaseline,
  scanPaths,
  writeBaseline,
  type Finding,
  type SecretHashKey,
} from '@hush/scanner';
import type { BaselineArgs } from '../command-line.js';
import { UsageError } from '../errors.js';
import { existingDirectory, type Io } from '../io.js';

export async function runBaseline(args: BaselineArgs, io: Io): Promise<number> {
  const { findings, root } = await currentFindings(args, io);
  const path = args.output ? resolve(io.cwd, args.output) : join(root, BASELINE_FILE);
  if (args.import) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, args.from!), 'utf8');
    } catch {
      throw new UsageError(`cannot read ${args.from}`);
    }
    const { baseline, unmatched } = importBaseline(args.import, text, findings, existingKey(path));
    writeBaseline(path, baseline);
    io.stdout(
      `imported ${baseline.entries.length} entr${baseline.entries.length === 1 ? 'y' : 'ies'} from ${args.import} into ${path}${unmatched ? ` (${unmatched} not found by hush and left out)` : ''}\n`,
    );
    return 0;
  }
  if (args.prune) {
    const { baseline, removed, migrated } = pruneBaseline(loadBaseline(path), findings);
    writeBaseline(path, baseline);
    io.stdout(
      `pruned ${removed} entr${removed === 1 ? 'y' : 'ies'} that no longer occur; ${baseline.entries.length} left in ${path}${migrated ? ' (converted to baseline version 3: salted hashes, scrypt for low-entropy secrets)' : ''}\n`,
    );
    return 0;
  }
  const baseline = baselineFromFindings(findings, existingKey(path));
  writeBaseline(path, baseline);
  io.stdout(
    `wrote ${baseline.entries.length} accepted finding${baseline.entries.length === 1 ? '' : 's'} to ${path} (hashes only). Rotate them over time: a baseline accepts, it does not revoke.\n`,
  );
  return 0;
}

/** A rewritten baseline keeps its salt, so report fingerprints made under it stay the same. */
function existingKey(path: string): SecretHashKey | undefined {
  try {
    return baselineHashKey(loadBaseline(path));
  } catch {
    return undefined; // none yet, or unreadable: the new file gets a new salt
  }
}

async function currentFindings(args: BaselineArgs, io: Io): Promise<{ findings: Finding[]; root: string }> {
  if (args.history) {
    const result = await auditRepository({
      kind: 'baseline',
      cwd: io.cwd,
      repo: existingDirectory(io, args.paths?.[0] ?? '.'),
      configFile: args.config,
      baselineFile: false,
    });
    return { findings: result.findings, root: result.root };
  }
  const result = await scanPaths({ kind: 'baseline', targets: args.paths, cwd: io.cwd, configFile: args.config, baselineFile: false });
  return { findings: result.findings, root: result.root };
}
