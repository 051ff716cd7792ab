/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every rule that fired with its whole playbook in
 * `help`, results with redacted messages and snippets, and partial fingerprints.
 */
import type * as Sarif from 'sarif';
import type { Rule, Severity } from '@hush/rules';
import { pathToFileURL } from 'node:url';
import { redact, stripUrlCredentials } from '../detect/redact.js';
import { keyedHash } from './secret-hash.js';
import { isIncomplete } from '../skip-records.js';
import type { Finding, ScanResult, SecretHashKey } from '../types.js';
import { playbookMarkdown, playbookText, ruleIndex } from './guidance.js';
import { reportHashKey, type ReportContext } from './context.js';
import { playbookFor, rulesVersion } from '@hush/rules';
import { CONFIG_CHANGE_ADVICE, CONFIG_CHANGE_RULE_ID } from '../config/trusted-config.js';

export const INFORMATION_URI = 'https://github.com/hush-scanner/hush';

export const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub buckets: > 9 critical, 7–8.9 high, 4–6.9 medium, < 4 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' };
const PRECISION: Record<string, string> = { 'checksum-valid': 'very-high', parsed: 'high', unchecked: 'medium' };

export interface SarifContext extends ReportContext {
  /** Commit facts of the scanned revision (history audits). */
  versionControl?: Sarif.VersionControlDetails[];
}

export function renderSarif(result: ScanResult, context: SarifContext): string {
  const rules = ruleIndex(context.rules);
  const fired = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  const descriptors = fired.map((id) => ruleDescriptor(rules.get(id) ?? fallbackRule(id)));
  const indexOf = new Map(fired.map((id, i) => [id, i]));
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'hush',
        version: context.toolVersion,
        semanticVersion: `${context.toolVersion}+rules.${rulesVersion()}`,
        informationUri: INFORMATION_URI,
        rules: descriptors,
      },
    },
    originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(result.root.endsWith('/') ? result.root : `${result.root}/`).href } },
    columnKind: 'utf16CodeUnits',
    redactionTokens: ['********'],
    results: result.findings.map((f) => toResult(f, indexOf.get(f.ruleId)!, context.showSecrets === true, reportHashKey(result, context))),
    invocations: [invocation(result)],
    ...(context.versionControl
      ? { versionControlProvenance: context.versionControl.map((v) => ({ ...v, repositoryUri: stripUrlCredentials(v.repositoryUri) })) }
      : {}),
  };
  const log: Sarif.Log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * What was not scanned, as tool execution notifications: a file not scanned to its end (time or
 * memory limit) is an `error` and makes the invocation unsuccessful, so code
 * scanning never reads a cut-short run as clean; binary, oversized and unreadable files are notes.
 */
function invocation(result: ScanResult): Sarif.Invocation {
  return {
    executionSuccessful: !result.skipped.some(isIncomplete),
    toolExecutionNotifications: result.skipped.map((s) => ({
      level: isIncomplete(s) ? 'error' : 'note',
      descriptor: { id: `hush.skipped.${s.reason}` },
      message: { text: `${isIncomplete(s) ? 'Not scanned to its end' : 'Not scanned'}: ${s.path}: ${s.reason}${s.detail ? ` (${s.detail})` : ''}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(s.path), uriBaseId: 'SRCROOT' } } }],
    })),
  };
}

/** A relative URI reference for a `/`-separated path: each segment percent-encoded (`#`, `?`, `%`, spaces, non-ASCII). */
export function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function fallbackRule(id: string): Rule {
  return { id, title: id, description: `Findings of rule ${id}.`, severity: 'medium', examples: [] };
}

export function ruleDescriptor(rule: Rule): Sarif.ReportingDescriptor {
  const playbook = playbookFor(rule);
  return {
    id: rule.id,
    name: rule.id
      .split(/[.-]/)
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: rule.title.slice(0, 1024) },
    fullDescription: { text: rule.description.slice(0, 1024) },
    // A config change has nothing to rotate: its help is its description.
    help:
      rule.id === CONFIG_CHANGE_RULE_ID
        ? { text: rule.description, markdown: rule.description }
        : { text: playbookText(rule, playbook), markdown: playbookMarkdown(rule, playbook) },
    ...(playbook.references[0] ? { helpUri: playbook.references[0] } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'secret', 'external/cwe/cwe-798', ...(rule.provider ? [rule.provider] : [])],
      precision: rule.generic ? 'medium' : 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      playbook: playbook.id,
    },
  };
}

function toResult(finding: Finding, ruleIndex: number, showSecrets: boolean, key: SecretHashKey): Sarif.Result {
  const shown = showSecrets ? finding.rawSecret : redact(finding.rawSecret);
  const snippet = showSecrets ? finding.lineText : finding.snippet;
  // A location HEAD no longer has is history: say so, as code scanning shows it beside today's code.
  const history = finding.inHead === false && finding.commit ? `; not in HEAD, only in history at ${finding.commit.path}` : '';
  const where = finding.commit ? ` (introduced in commit ${finding.commit.sha.slice(0, 12)}${history})` : '';
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    // A secret its provider accepted is an incident, whatever the rule's severity.
    level: finding.verification?.status === 'live' ? 'error' : LEVEL[finding.severity],
    message: {
      text:
        finding.ruleId === CONFIG_CHANGE_RULE_ID
          ? `${finding.title}: ${CONFIG_CHANGE_ADVICE}.`
          : `${finding.title} found: ${shown}${where}. Rotate it; removing it from the code does not revoke it.`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(finding.path), uriBaseId: 'SRCROOT' },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endLine: finding.endLine,
            endColumn: Math.max(finding.endColumn, finding.endLine === finding.line ? finding.column + 1 : 1),
            ...(snippet ? { snippet: { text: snippet } } : {}),
          },
        },
      },
    ],
    partialFingerprints: {
      ...(finding.lineHash ? { primaryLocationLineHash: finding.lineHash } : {}),
      // v3: scrypt for low-entropy secrets, HMAC for random tokens, under the baseline's or the
      // repository's salt (v2 was scrypt for every secret; v1 a bare SHA-256, guessable).
      'secretHash/v3': keyedHash(finding, key),
    },
    properties: {
      severity: finding.severity,
      validity: finding.validity,
      precision: PRECISION[finding.validity] ?? 'medium',
      fingerprint: finding.fingerprint,
      ...(finding.details ? { details: finding.details } : {}),
      ...(finding.commit ? { commitSha: finding.commit.sha, commitDate: finding.commit.date, commitAuthor: finding.commit.author } : {}),
      ...(finding.inHead !== undefined ? { inHead: finding.inHead } : {}),
      ...(finding.verification ? { verification: finding.verification } : {}),
      ...(finding.verification?.status === 'live' ? { tags: ['verified live'] } : {}),
    },
  };
  if (finding.suppression) {
    result.suppressions = [{ kind: finding.suppression.kind, justification: finding.suppression.reason }];
  }
  return result;
}
