/**
 * One repository's outcome in an org run: `DIR/<repository>.json`, holding the hush JSON report of
 * its history audit (secrets hashed under the organisation key) or the error that stopped it.
 * Written whole or not at all (a rename), so a shard killed midway leaves no half result.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';

const RESULT_KIND = 'hush-org-result';
const RESULT_VERSION = '1';

/** The parts of a JSON report (schema/report.schema.json) that a merge reads. */
export interface ReportFinding {
  ruleId: string;
  title: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  path: string;
  line: number;
  secret: string;
  secretHash: string;
  commit?: { sha: string };
  inHead?: boolean;
  verification?: { status: string; [key: string]: unknown };
  suppression?: unknown;
}

export interface JsonReport {
  version: string;
  repository?: { remoteUrl?: string; head?: string; branch?: string };
  findings: ReportFinding[];
  stats: { findings: number; [key: string]: unknown };
}

export interface RepositoryResult {
  kind: typeof RESULT_KIND;
  version: string;
  repository: { name: string; cloneUrl: string; defaultBranch?: string };
  /** The slice of history audited (a monorepo split across jobs); absent: all of it. */
  range?: string;
  /** Which organisation key hashed the secrets (org-key.ts); never the key. */
  keyId: string;
  status: 'ok' | 'error';
  /** The default branch's head that was audited (what a rerun compares to skip the repository). */
  head?: string;
  error?: string;
  attempts: number;
  durationMs: { clone: number; audit: number };
  finishedAt: string;
  report?: JsonReport;
}

/** A file name for any repository name: `/` and other unsafe characters percent-encoded, reversibly. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]|^\./g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function resultFileName(name: string, range?: string): string {
  return `${safeFileName(range ? `${name}@${range}` : name)}.json`;
}

export function writeResult(dir: string, result: RepositoryResult): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, resultFileName(result.repository.name, result.range));
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(temporary, path);
}

/** The stored result for a repository, if a complete one is there. */
export function readResult(dir: string, name: string, range?: string): RepositoryResult | undefined {
  try {
    const value = JSON.parse(readFileSync(join(dir, resultFileName(name, range)), 'utf8')) as RepositoryResult;
    return value.kind === RESULT_KIND && value.repository?.name === name && value.range === range ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Every result in DIR (what `org merge` reads); anything else there is refused by name. */
export function readResults(dir: string): RepositoryResult[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch (error) {
    throw new ConfigError(`${dir}: cannot read the results directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const results: RepositoryResult[] = [];
  for (const name of names.sort()) {
    let value: RepositoryResult;
    try {
      value = JSON.parse(readFileSync(join(dir, name), 'utf8')) as RepositoryResult;
    } catch {
      throw new ConfigError(`${join(dir, name)}: not a JSON file`);
    }
    if (value?.kind !== RESULT_KIND || typeof value.repository?.name !== 'string' || !['ok', 'error'].includes(value.status))
      throw new ConfigError(`${join(dir, name)}: not an org run result`);
    if (value.version !== RESULT_VERSION) throw new ConfigError(`${join(dir, name)}: result version ${String(value.version)} is not supported`);
    if (value.status === 'ok' && !Array.isArray(value.report?.findings)) throw new ConfigError(`${join(dir, name)}: a result without its report`);
    results.push(value.report ? { ...value, report: mergeFields(value.report) } : value);
  }
  return results;
}

/** Only what a merge reads: 10,000 reports' snippets and playbooks need not stay in memory at once. */
function mergeFields(report: JsonReport): JsonReport {
  return {
    version: report.version,
    ...(report.repository ? { repository: report.repository } : {}),
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      title: f.title,
      severity: f.severity,
      path: f.path,
      line: f.line,
      secret: f.secret,
      secretHash: f.secretHash,
      ...(f.commit ? { commit: { sha: f.commit.sha } } : {}),
      ...(f.inHead !== undefined ? { inHead: f.inHead } : {}),
      ...(f.verification ? { verification: f.verification } : {}),
      ...(f.suppression ? { suppression: f.suppression } : {}),
    })),
    stats: { findings: report.stats?.findings ?? report.findings.length },
  };
}

export function newResult(fields: Omit<RepositoryResult, 'kind' | 'version' | 'finishedAt'>): RepositoryResult {
  return { kind: RESULT_KIND, version: RESULT_VERSION, ...fields, finishedAt: new Date().toISOString() };
}
