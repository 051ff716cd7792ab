/**
 * `hush org run`: audit one shard of the inventory into DIR. The shard comes from --shard/--of, else
 * from the engine running it: HUSH_ORG_SHARD (a GitHub Actions matrix value) or JOB_COMPLETION_INDEX
 * (a Kubernetes Indexed Job), and HUSH_ORG_SHARDS (the Job's completions, set beside it).
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { orgKey, parseInventory, runShard, selectShard, TRANSPORTS } from '@hush/scanner/org';
import type { OrgRunArgs } from '../command-line.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { VERSION } from '../version.js';

function fromEnv(io: Io, names: string[], min: number): { value: number; from: string } | undefined {
  for (const name of names) {
    const text = io.env[name];
    if (text === undefined || text === '') continue;
    if (!/^\d+$/.test(text.trim()) || Number(text) < min) throw new UsageError(`${name} must be a whole number of ${min} or more (got "${text}")`);
    return { value: Number(text), from: name };
  }
  return undefined;
}

export async function runOrgRun(args: OrgRunArgs, io: Io): Promise<number> {
  // Every argument is checked before the first clone.
  const shard = args.shard ?? fromEnv(io, ['HUSH_ORG_SHARD', 'JOB_COMPLETION_INDEX'], 0)?.value;
  const of = args.of ?? fromEnv(io, ['HUSH_ORG_SHARDS'], 1)?.value;
  if (shard === undefined) throw new UsageError('name the shard: --shard I, or HUSH_ORG_SHARD / JOB_COMPLETION_INDEX in the environment');
  if (of === undefined) throw new UsageError('name the number of shards: --of N, or HUSH_ORG_SHARDS in the environment');
  if (shard >= of) throw new UsageError(`shard ${shard} does not exist: shards are numbered 0 to ${of - 1}`);
  const transports = [
    ...new Set(
      args.transports
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const unknown = transports.filter((t) => !(TRANSPORTS as readonly string[]).includes(t));
  if (unknown.length || !transports.length)
    throw new UsageError(`--transports takes a comma-separated list of ${TRANSPORTS.join(', ')} (got "${args.transports}")`);
  const key = orgKey(io.env.HUSH_ORG_KEY);
  const inventoryPath = resolve(io.cwd, args.inventory);
  let text: string;
  try {
    text = readFileSync(inventoryPath, 'utf8');
  } catch (error) {
    throw new UsageError(`${args.inventory}: cannot read the inventory (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const inventory = parseInventory(text, args.inventory);
  const workDir = resolve(io.cwd, args.work ?? tmpdir());
  if (!statSync(workDir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--work ${args.work}: not a directory`);
  const out = resolve(io.cwd, args.out);
  if (statSync(out, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`--out ${args.out}: is a file, not a directory`);
  if (args.config !== undefined && !statSync(resolve(io.cwd, args.config), { throwIfNoEntry: false })?.isFile())
    throw new UsageError(`--config ${args.config}: no such file`);
  mkdirSync(out, { recursive: true });

  const repositories = selectShard(inventory, shard, of);
  io.stderr(`hush: shard ${shard} of ${of}: ${repositories.length} of ${inventory.length} repositories\n`);
  const summary = await runShard({
    repositories,
    out,
    key,
    transports,
    tokens: { github: io.env.GITHUB_TOKEN || undefined, gitlab: io.env.GITLAB_TOKEN || undefined, 'azure-devops': io.env.AZURE_DEVOPS_PAT || undefined },
    retries: args.retries ?? 2,
    retryDelayMs: (args.retryDelay ?? 2) * 1000,
    workDir,
    cloneTimeoutMs: 60 * 60 * 1000,
    jobs: args.jobs,
    configFile: args.config === undefined ? undefined : resolve(io.cwd, args.config),
    verify: args.verify,
    toolVersion: VERSION,
    log: (line) => io.stderr(`hush: ${line}\n`),
  });
  io.stderr(`hush: shard ${shard} done: ${summary.audited} audited, ${summary.skipped} up to date, ${summary.failed} failed, ${summary.findings} findings\n`);
  // A repository that failed is recorded in its result; the shard itself succeeded.
  return 0;
}
