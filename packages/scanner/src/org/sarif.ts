/**
 * An organisation report as SARIF, one log per repository (code scanning takes uploads per
 * repository): that repository's locations of each secret, each saying how many other repositories
 * hold the same secret, so the alert shows it is one rotation task shared with them.
 */
import type * as Sarif from 'sarif';
import type { Rule } from '@hush/rules';
import { rulesVersion } from '@hush/rules';
import { stripUrlCredentials } from '../detect/redact.js';
import { ruleIndex } from '../report/guidance.js';
import { fallbackRule, INFORMATION_URI, LEVEL, relativeUri, ruleDescriptor } from '../report/sarif.js';
import type { OrgReport } from './merge.js';

/** Repository name → SARIF text, for every audited repository (an empty run says "nothing found"). */
export function renderOrgSarif(report: OrgReport, rules: readonly Rule[]): Map<string, string> {
  const known = ruleIndex(rules);
  const logs = new Map<string, string>();
  for (const repository of report.repositories.filter((r) => r.status === 'ok')) {
    const own = report.secrets.flatMap((secret) => secret.locations.filter((l) => l.repository === repository.name).map((location) => ({ secret, location })));
    const fired = [...new Set(own.map((o) => o.secret.ruleId))].sort();
    const indexOf = new Map(fired.map((id, i) => [id, i]));
    const results: Sarif.Result[] = own.map(({ secret, location }) => {
      const others = secret.reach.repositories - 1;
      const shared =
        others > 0 ? ` The same secret is in ${others} other ${others === 1 ? 'repository' : 'repositories'} of the organisation: rotate it once for all.` : '';
      const history = location.inHead === false ? ' It is no longer in HEAD, only in history.' : '';
      return {
        ruleId: secret.ruleId,
        ruleIndex: indexOf.get(secret.ruleId)!,
        level: secret.reach.live ? 'error' : LEVEL[secret.severity],
        message: {
          text: `${secret.title} found: ${secret.secret}${location.commit ? ` (introduced in commit ${location.commit.slice(0, 12)})` : ''}.${history}${shared}`,
        },
        locations: [
          { physicalLocation: { artifactLocation: { uri: relativeUri(location.path), uriBaseId: 'SRCROOT' }, region: { startLine: location.line } } },
        ],
        partialFingerprints: { 'orgSecretHash/v1': secret.secretHash },
        properties: {
          severity: secret.severity,
          repositories: secret.reach.repositories,
          ...(location.inHead !== undefined ? { inHead: location.inHead } : {}),
          ...(location.commit ? { commitSha: location.commit } : {}),
          ...(secret.verification ? { verification: secret.verification } : {}),
        },
      };
    });
    const run: Sarif.Run = {
      tool: {
        driver: {
          name: 'hush',
          version: report.tool.version,
          semanticVersion: `${report.tool.version}+rules.${rulesVersion()}`,
          informationUri: INFORMATION_URI,
          rules: fired.map((id) => ruleDescriptor(known.get(id) ?? fallbackRule(id))),
        },
      },
      columnKind: 'utf16CodeUnits',
      redactionTokens: ['********'],
      results,
      ...(repository.head && /^[a-z][a-z0-9+.-]*:\/\//i.test(repository.cloneUrl)
        ? { versionControlProvenance: [{ repositoryUri: stripUrlCredentials(repository.cloneUrl), revisionId: repository.head }] }
        : {}),
    };
    const log: Sarif.Log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
    logs.set(repository.name, `${JSON.stringify(log, null, 2)}\n`);
  }
  return logs;
}
