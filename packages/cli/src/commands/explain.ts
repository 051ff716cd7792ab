/** `hush explain <rule-id | fingerprint>`: the full playbook, for a rule or for one finding. */
import { playbookFor } from '@hush/rules';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  auditRepository,
  BASELINE_FILE,
  baselineHashKey,
  enclosingRepoRoot,
  keyedHash,
  loadBaseline,
  playbookText,
  printable,
  redact,
  repositoryHashKey,
  scanPaths,
  type Finding,
  type SecretHashKey,
} from '@hush/scanner';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { ruleCatalogue } from './rule-catalogue.js';

export async function runExplain(target: string, io: Io, config?: string): Promise<number> {
  const rules = await ruleCatalogue(io, config);
  const rule = rules.find(target);
  if (rule) {
    io.stdout(`${playbookText(rule, playbookFor(rule))}\n`);
    return 0;
  }
  if (!/^[0-9a-f]{8,64}$/.test(target)) throw new UsageError(`"${target}" is neither a rule id nor a finding fingerprint (see \`hush rules list\`)`);
  const finding = await findByFingerprint(target, io, config);
  if (!finding) throw new UsageError(`no finding with fingerprint or secret hash ${target} here`);
  const found = rules.find(finding.ruleId);
  const lines = [
    `${printable(finding.title)} (${finding.ruleId}, ${finding.severity}) at ${printable(finding.path)}:${finding.line}:${finding.column}: ${printable(redact(finding.rawSecret))}`,
  ];
  if (finding.commit)
    lines.push(
      `First introduced in commit ${finding.commit.sha} by ${printable(finding.commit.author)} <${printable(finding.commit.email)}> on ${finding.commit.date}${finding.inHead === false ? ' (no longer in HEAD, still valid until rotated)' : ''}.`,
    );
  lines.push(
    '',
    found
      ? playbookText(found, playbookFor(found))
      : playbookText({ id: finding.ruleId, title: finding.title, description: finding.title, severity: finding.severity, examples: [] }),
  );
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * Looks in history first (it carries commit data and reuses the audit cache), then the working tree
 * from the repository's root, so a fingerprint printed anywhere in the repository is found from
 * anywhere in it. A secret hash is matched as reports print it: keyed under the baseline's salt,
 * else the repository's.
 */
async function findByFingerprint(prefix: string, io: Io, configArg?: string): Promise<Finding | undefined> {
  const config = configArg === undefined ? undefined : resolve(io.cwd, configArg);
  const repoRoot = enclosingRepoRoot(io.cwd);
  const key = reportKey(repoRoot ?? io.cwd);
  const find = (findings: Finding[]) => findings.find((f) => f.fingerprint.startsWith(prefix)) ?? findings.find((f) => keyedHash(f, key).startsWith(prefix));
  try {
    const hit = find((await auditRepository({ repo: io.cwd, cwd: io.cwd, configFile: config, baselineFile: false })).findings);
    if (hit) return hit;
  } catch {
    /* not a repository: the working tree alone */
  }
  return find((await scanPaths({ cwd: repoRoot ?? io.cwd, configFile: config, baselineFile: false })).findings);
}

function reportKey(root: string): SecretHashKey {
  try {
    const baseline = join(root, BASELINE_FILE);
    if (existsSync(baseline)) return baselineHashKey(loadBaseline(baseline)) ?? repositoryHashKey(root);
  } catch {
    /* an unreadable baseline: the repository's key */
  }
  return repositoryHashKey(root);
}
