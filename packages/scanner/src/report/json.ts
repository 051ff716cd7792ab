/** JSON report: `{version, tool, findings, skipped, stats}`; secrets redacted unless asked. */
import { isIncomplete } from '../skip-records.js';
import type { Rule } from '@hush/rules';
import { redact, stripUrlCredentials } from '../detect/redact.js';
import { keyedHash, NO_REPOSITORY_KEY } from './secret-hash.js';
import type { Finding, ScanResult, SecretHashKey } from '../types.js';
import { reportHashKey, type ReportContext, type RepositoryIdentity } from './context.js';
import { credentialSteps } from './credential-steps.js';
import { guidanceFor, ruleIndex } from './guidance.js';

const JSON_REPORT_VERSION = '1';

export function findingToJson(finding: Finding, rule: Rule | undefined, showSecrets = false, key: SecretHashKey = NO_REPOSITORY_KEY, remoteUrl?: string) {
  const general = guidanceFor(rule);
  const own = credentialSteps(finding, remoteUrl);
  const secret = showSecrets ? finding.rawSecret : redact(finding.rawSecret);
  return {
    ruleId: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    path: finding.path,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    secret,
    snippet: showSecrets ? finding.lineText : (finding.snippet ?? ''),
    fingerprint: finding.fingerprint,
    secretHash: keyedHash(finding, key),
    validity: finding.validity,
    ...(finding.details ? { details: finding.details } : {}),
    ...(finding.commit ? { commit: finding.commit } : {}),
    ...(finding.inHead !== undefined ? { inHead: finding.inHead } : {}),
    ...(finding.suppression ? { suppression: finding.suppression } : {}),
    ...(finding.verification ? { verification: finding.verification } : {}),
    guidance: own.length ? { ...general, steps: [...own, ...general.steps] } : general,
  };
}

export function renderJson(result: ScanResult, context: ReportContext): string {
  const rules = ruleIndex(context.rules);
  const stats = context.deterministic ? { ...result.stats, durationMs: undefined } : result.stats;
  const key = reportHashKey(result, context);
  const report = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'hush', version: context.toolVersion },
    ...(context.repository ? { repository: repositoryJson(context.repository) } : {}),
    findings: result.findings.map((f) => findingToJson(f, rules.get(f.ruleId), context.showSecrets, key, context.remoteUrl)),
    skipped: result.skipped,
    // False when a file was not scanned to its end (its `skipped` entry says why): never a clean pass.
    complete: !result.skipped.some(isIncomplete),
    warnings: result.warnings.map(stripUrlCredentials),
    stats,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function repositoryJson(identity: RepositoryIdentity) {
  return {
    ...(identity.remoteUrl ? { remoteUrl: stripUrlCredentials(identity.remoteUrl) } : {}),
    ...(identity.head ? { head: identity.head } : {}),
    ...(identity.branch ? { branch: identity.branch } : {}),
  };
}
