/**
 * `hush purge-plan [repo] --output FILE`: audits the history and writes a `git filter-repo
 * --replace-text` expressions file for the secrets found, then prints the steps around it. The file
 * holds raw secrets (that is its purpose), so it is written 0600 and never inside the repository.
 */
import { chmodSync, existsSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { auditRepository, isInside, purgeExpressions, purgeSteps, refuseRepositoryLinks, repositoryPlaces, selectForPurge, settle } from '@hush/scanner';
import type { PurgePlanArgs } from '../command-line.js';
import { UsageError } from '../errors.js';
import { existingDirectory, type Io } from '../io.js';

/** The real location the file would get: its parent resolved through links, plus its name. */
function realTarget(file: string): string {
  const parent = dirname(file);
  if (!existsSync(parent)) throw new UsageError(`${parent}: no such directory (for --output)`);
  return join(realpathSync(parent), basename(file));
}

export async function runPurgePlan(args: PurgePlanArgs, io: Io): Promise<number> {
  const output = resolve(io.cwd, args.output);
  const repoPath = existingDirectory(io, args.repo ?? '.');
  // The path is checked before anything is audited: never through a link a repository holds, never
  // inside any work tree (linked ones too) or git directory of this repository.
  refuseRepositoryLinks(output, args.output);
  const target = realTarget(output);
  for (const real of repositoryPlaces(repoPath)) {
    if (isInside(real, target)) {
      throw new UsageError(`refusing to write the purge plan inside the repository (${output}): it holds raw secrets; choose a path outside ${real}`);
    }
  }
  const audited = await auditRepository({
    kind: 'purge-plan',
    cwd: io.cwd,
    repo: repoPath,
    cache: false,
    configFile: args.config,
    baselineFile: args.includeBaselined ? false : args.baseline,
    jobs: args.jobs,
  });
  const { result } = await settle(audited, io);
  const chosen = selectForPurge(
    result.findings.filter((f) => !f.suppression),
    { rules: args.rules, only: args.onlyHistory ? 'history' : args.onlyInTree ? 'in-tree' : undefined },
  );
  if (!chosen.length) {
    io.stderr('✔ nothing to purge: no secrets found for this selection; no file written.\n');
    return 0;
  }
  const { text, secrets } = purgeExpressions(chosen);
  // Written beside the target and renamed over it: never through an existing link, never readable by others.
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
    chmodSync(temporary, 0o600);
    renameSync(temporary, target);
  } catch (error) {
    if (existsSync(temporary)) unlinkSync(temporary);
    throw new UsageError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const steps = purgeSteps(output, result.repo.remoteUrl?.replace(/\/\/[^/@]*@/, '//'));
  io.stdout(
    [
      `Wrote ${output} (mode 0600): ${secrets} distinct secret${secrets === 1 ? '' : 's'} from ${chosen.length} finding${chosen.length === 1 ? '' : 's'}, each replaced by ***REMOVED***.`,
      'It holds the raw secrets: keep it out of the repository and delete it when done.',
      '',
      'Purge, in this order:',
      ...steps.map((step, i) => `  ${i + 1}. ${step}`),
      '',
    ].join('\n'),
  );
  return 0;
}
