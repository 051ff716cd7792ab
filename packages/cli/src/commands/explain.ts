/** `hush explain <rule-id | fingerprint>`: the full playbook, for a rule or for one finding. */
import { playbookFor } from '@hush/rules';
import { auditRepository, playbookText, redact, scanPaths, type Finding } from '@hush/scanner';
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
  const lines = [`${finding.title} (${finding.ruleId}, ${finding.severity}) at ${finding.path}:${finding.line}:${finding.column}: ${redact(finding.rawSecret)}`];
  if (finding.commit) lines.push(`First introduced in commit ${finding.commit.sha} by ${finding.commit.author} <${finding.commit.email}> on ${finding.commit.date}${finding.inHead === false ? ' (no longer in HEAD, still valid until rotated)' : ''}.`);
  lines.push('', found ? playbookText(found, playbookFor(found)) : playbookText({ id: finding.ruleId, title: finding.title, description: finding.title, severity: finding.severity, examples: [] }));
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/** Looks in history first (it carries commit data and reuses the audit cache), then the working tree. */
async function findByFingerprint(prefix: string, io: Io, config?: string): Promise<Finding | undefined> {
  const match = (f: Finding) => f.fingerprint.startsWith(prefix) || f.secretHash.startsWith(prefix);
  try {
    const history = await auditRepository({ repo: io.cwd, configFile: config });
    const hit = history.findings.find(match);
    if (hit) return hit;
  } catch {
    /* not a repository: the working tree alone */
  }
  return (await scanPaths({ cwd: io.cwd, configFile: config })).findings.find(match);
}
