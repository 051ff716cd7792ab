/** `hush org merge DIR`: the shards' results as one organisation report (JSON, HTML, or SARIF per repository). */
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeOutputFile } from '@hush/scanner';
import { mergeResults, readResults, renderOrgHtml, renderOrgSarif, safeFileName } from '@hush/scanner/org';
import type { OrgMergeArgs } from '../command-line.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { VERSION } from '../version.js';

export async function runOrgMerge(args: OrgMergeArgs, io: Io): Promise<number> {
  const dir = resolve(io.cwd, args.dir);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${args.dir}: no such directory`);
  const output = args.output === undefined ? undefined : resolve(io.cwd, args.output);
  if (args.format === 'sarif' && output && statSync(output, { throwIfNoEntry: false })?.isFile())
    throw new UsageError(`-o ${args.output}: is a file; --format sarif needs a directory`);
  if (args.format !== 'sarif' && output && statSync(output, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`-o ${args.output}: is a directory`);
  const report = mergeResults(readResults(dir), VERSION);
  if (args.format === 'sarif') {
    const { loadScanSettings } = await import('@hush/scanner');
    const { rules } = await loadScanSettings(undefined, []);
    mkdirSync(output!, { recursive: true });
    const logs = renderOrgSarif(report, rules);
    for (const [name, text] of logs) writeOutputFile(join(output!, `${safeFileName(name)}.sarif`), text);
  } else {
    const text = args.format === 'html' ? renderOrgHtml(report) : `${JSON.stringify(report, null, 2)}\n`;
    if (output) writeOutputFile(output, text);
    else io.stdout(text);
  }
  const t = report.totals;
  io.stderr(
    `hush: ${t.repositories} repositories (${t.audited} audited, ${t.errors} failed): ${t.secrets} distinct secrets in ${t.findings} findings across ${t.repositoriesWithSecrets} repositories\n`,
  );
  return t.secrets > 0 ? 1 : 0;
}
