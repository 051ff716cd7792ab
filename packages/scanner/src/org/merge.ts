/**
 * `org merge`: many repositories' results into one organisation report. A secret is identified by
 * its keyed hash under the organisation key, so the same credential in five repositories is one
 * rotation task listing all five; no secret, raw or unsalted digest, is ever needed to match them.
 */
import { ConfigError } from '../errors.js';
import type { RepositoryResult, ReportFinding } from './result.js';

const ORG_REPORT_VERSION = '1';
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'] as const;

interface OrgLocation {
  repository: string;
  path: string;
  line: number;
  commit?: string;
  inHead?: boolean;
}

export interface OrgSecret {
  secretHash: string;
  ruleId: string;
  title: string;
  severity: ReportFinding['severity'];
  /** Redacted, as every report shows it. */
  secret: string;
  verification?: ReportFinding['verification'];
  /** How far the secret reaches: what the HTML ranks by. */
  reach: { repositories: number; inTree: number; live: boolean };
  locations: OrgLocation[];
}

interface OrgRepository {
  name: string;
  cloneUrl: string;
  defaultBranch?: string;
  status: 'ok' | 'error';
  head?: string;
  findings: number;
  secrets: number;
  error?: string;
  /** Slices of history audited separately (a monorepo split with `range`); absent: one whole audit. */
  slices?: number;
  durationMs: { clone: number; audit: number };
}

export interface OrgReport {
  version: string;
  tool: { name: 'hush'; version: string };
  keyId: string;
  totals: { repositories: number; audited: number; errors: number; findings: number; secrets: number; repositoriesWithSecrets: number };
  repositories: OrgRepository[];
  secrets: OrgSecret[];
}

export function mergeResults(results: readonly RepositoryResult[], toolVersion: string): OrgReport {
  if (!results.length) throw new ConfigError('no org run results to merge (expected DIR/<repository>.json files from `hush org run`)');
  const keyIds = [...new Set(results.map((r) => r.keyId))];
  if (keyIds.length > 1) throw new ConfigError(`results were hashed under ${keyIds.length} different HUSH_ORG_KEY values; rerun the shards with one key`);
  const secrets = new Map<string, OrgSecret>();
  const repositories = new Map<string, OrgRepository & { hashes: Set<string> }>();
  // Slices place a secret still in HEAD at every HEAD path, each crediting its own first commit:
  // one location per place, from the earliest slice, as one whole audit reports it.
  const placed = new Set<string>();
  for (const result of inHistoryOrder(results)) {
    const findings = (result.status === 'ok' ? (result.report?.findings ?? []) : []).filter((f) => !f.suppression);
    const repository = repositoryEntry(repositories, result);
    for (const finding of findings) {
      const place = `${finding.secretHash}\0${result.repository.name}\0${finding.path}\0${finding.line}`;
      if (placed.has(place)) continue;
      placed.add(place);
      repository.findings++;
      repository.hashes.add(finding.secretHash);
      let secret = secrets.get(finding.secretHash);
      if (!secret) {
        secret = {
          secretHash: finding.secretHash,
          ruleId: finding.ruleId,
          title: finding.title,
          severity: finding.severity,
          secret: finding.secret,
          reach: { repositories: 0, inTree: 0, live: false },
          locations: [],
        };
        secrets.set(finding.secretHash, secret);
      }
      if (SEVERITY_ORDER.indexOf(finding.severity) < SEVERITY_ORDER.indexOf(secret.severity)) secret.severity = finding.severity;
      if (finding.verification && (!secret.verification || finding.verification.status === 'live')) secret.verification = finding.verification;
      secret.locations.push({
        repository: result.repository.name,
        path: finding.path,
        line: finding.line,
        ...(finding.commit?.sha ? { commit: finding.commit.sha } : {}),
        ...(finding.inHead !== undefined ? { inHead: finding.inHead } : {}),
      });
    }
  }
  const merged = [...repositories.values()].map(({ hashes, ...repository }) => ({ ...repository, secrets: hashes.size }));
  for (const secret of secrets.values()) {
    const repos = new Set(secret.locations.map((l) => l.repository));
    const inTree = new Set(secret.locations.filter((l) => l.inHead).map((l) => l.repository));
    secret.reach = { repositories: repos.size, inTree: inTree.size, live: secret.verification?.status === 'live' };
    secret.locations.sort((a, b) => compare(a.repository, b.repository) || compare(a.path, b.path) || a.line - b.line);
  }
  const ranked = [...secrets.values()].sort(byReach);
  return {
    version: ORG_REPORT_VERSION,
    tool: { name: 'hush', version: toolVersion },
    keyId: keyIds[0],
    totals: {
      repositories: merged.length,
      audited: merged.filter((r) => r.status === 'ok').length,
      errors: merged.filter((r) => r.status === 'error').length,
      findings: merged.reduce((n, r) => n + r.findings, 0),
      secrets: ranked.length,
      repositoriesWithSecrets: merged.filter((r) => r.findings > 0).length,
    },
    repositories: merged.sort((a, b) => compare(a.name, b.name)),
    secrets: ranked,
  };
}

/** Results in name order, a repository's slices in history order: the one from the root first, then each `A..B` after the slice ending at A. */
function inHistoryOrder(results: readonly RepositoryResult[]): RepositoryResult[] {
  const groups = new Map<string, RepositoryResult[]>();
  for (const result of results) groups.set(result.repository.name, [...(groups.get(result.repository.name) ?? []), result]);
  const ordered: RepositoryResult[] = [];
  for (const group of groups.values()) {
    const rest = [...group];
    let end: string | undefined;
    while (rest.length) {
      const chained = rest.findIndex((r) => (end === undefined ? !r.range?.includes('..') : r.range?.startsWith(`${end}..`)));
      const [next] = rest.splice(Math.max(0, chained), 1);
      ordered.push(next);
      end = next.range?.split(/\.\.\.?/).at(-1);
    }
  }
  return ordered;
}

/** A repository's entry; the slices of one repository's history add up into one, failing if any failed. */
function repositoryEntry(repositories: Map<string, OrgRepository & { hashes: Set<string> }>, result: RepositoryResult) {
  const name = result.repository.name;
  const sliceError = result.error && result.range ? `${result.range}: ${result.error}` : result.error;
  let entry = repositories.get(name);
  if (!entry) {
    entry = {
      name,
      cloneUrl: result.repository.cloneUrl,
      ...(result.repository.defaultBranch ? { defaultBranch: result.repository.defaultBranch } : {}),
      status: result.status,
      ...(result.head ? { head: result.head } : {}),
      findings: 0,
      secrets: 0,
      ...(sliceError ? { error: sliceError } : {}),
      ...(result.range ? { slices: 1 } : {}),
      durationMs: { ...result.durationMs },
      hashes: new Set<string>(),
    };
    repositories.set(name, entry);
    return entry;
  }
  if (result.range) entry.slices = (entry.slices ?? 1) + 1;
  if (result.status === 'error') {
    entry.status = 'error';
    entry.error = entry.error ? `${entry.error}; ${sliceError}` : sliceError;
  }
  entry.head ??= result.head;
  entry.durationMs = { clone: entry.durationMs.clone + result.durationMs.clone, audit: entry.durationMs.audit + result.durationMs.audit };
  return entry;
}

/** Live first, then still in more repositories' trees, then in more repositories, then severity. */
function byReach(a: OrgSecret, b: OrgSecret): number {
  return (
    Number(b.reach.live) - Number(a.reach.live) ||
    b.reach.inTree - a.reach.inTree ||
    b.reach.repositories - a.reach.repositories ||
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    b.locations.length - a.locations.length ||
    compare(a.secretHash, b.secretHash)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
