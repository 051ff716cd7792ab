/**
 * Baselines: the findings a team has accepted for now, stored as hashes only (rule id, path, secret
 * hash, first commit). A finding whose rule and secret hash are in the baseline is suppressed, so it
 * stays accepted when lines move, files are reformatted or renamed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from './config.js';
import { containedPath, replaceFile } from './contained-files.js';
import type { Finding } from './types.js';

export const BASELINE_FILE = '.hush-baseline.json';

export interface BaselineEntry {
  ruleId: string;
  path: string;
  secretHash: string;
  commit?: string;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

export function baselineFromFindings(findings: Finding[]): Baseline {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    const key = `${f.ruleId}\0${f.path}\0${f.secretHash}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ ruleId: f.ruleId, path: f.path, secretHash: f.secretHash, ...(f.commit ? { commit: f.commit.sha } : {}) });
  }
  return { version: 1, entries: sortEntries(entries) };
}

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort((a, b) => (a.path + a.ruleId + a.secretHash < b.path + b.ruleId + b.secretHash ? -1 : 1));
}

/** Replaces the file (temp file + rename); a link out of the repository is refused, never written through. */
export function writeBaseline(path: string, baseline: Baseline): void {
  replaceFile(containedPath(path, 'the baseline'), `${JSON.stringify({ version: 1, entries: sortEntries(baseline.entries) }, null, 2)}\n`);
}

export function loadBaseline(path: string): Baseline {
  if (!existsSync(path)) throw new ConfigError(`baseline not found: ${path}`);
  let text: string;
  try {
    text = readFileSync(containedPath(path, 'the baseline'), 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${path}: cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseBaseline(text, path);
}

/** Validates baseline text (from a file or a git revision); `label` names it in errors. */
export function parseBaseline(text: string, label: string): Baseline {
  const path = label;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(`${path}: baseline is not valid JSON`);
  }
  const entries = (raw as Baseline)?.entries;
  if (!Array.isArray(entries) || entries.some((e) => typeof e?.ruleId !== 'string' || !/^[0-9a-f]{64}$/.test(e?.secretHash ?? ''))) {
    throw new ConfigError(`${path}: not a hush baseline (expected {"version": 1, "entries": [{ruleId, path, secretHash}]})`);
  }
  return { version: 1, entries };
}

/** Marks findings in the baseline as externally suppressed. */
export function applyBaseline(findings: Finding[], baseline: Baseline, label: string): Finding[] {
  const accepted = new Set(baseline.entries.map((e) => `${e.ruleId}\0${e.secretHash}`));
  return findings.map((f) =>
    !f.suppression && accepted.has(`${f.ruleId}\0${f.secretHash}`) ? { ...f, suppression: { kind: 'external' as const, reason: `accepted in baseline ${label}` } } : f,
  );
}

/** Keeps only baseline entries that still occur among `findings` (`hush baseline --prune`). */
export function pruneBaseline(baseline: Baseline, findings: Finding[]): { baseline: Baseline; removed: number } {
  const present = new Set(findings.map((f) => `${f.ruleId}\0${f.secretHash}`));
  const entries = baseline.entries.filter((e) => present.has(`${e.ruleId}\0${e.secretHash}`));
  return { baseline: { version: 1, entries }, removed: baseline.entries.length - entries.length };
}

/**
 * Imports from other scanners' files. Their hashes are not ours, so each of their entries is matched
 * to a hush finding from a fresh scan: detect-secrets by SHA-1 of the secret (exact), gitleaks by file
 * and line (or by the secret when the report was not redacted).
 */
export function importBaseline(kind: 'gitleaks' | 'detect-secrets', text: string, findings: Finding[]): { baseline: Baseline; unmatched: number } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ConfigError(`the ${kind} file is not valid JSON`);
  }
  const matched: Finding[] = [];
  let unmatched = 0;
  if (kind === 'gitleaks') {
    if (!Array.isArray(data)) throw new ConfigError('a gitleaks report is a JSON array of findings');
    for (const item of data as Array<{ File?: string; StartLine?: number; EndLine?: number; Secret?: string }>) {
      const file = normalise(item.File ?? '');
      const hits = findings.filter(
        (f) => f.path === file && ((item.Secret && item.Secret !== 'REDACTED' && f.rawSecret.includes(item.Secret)) || (f.line <= (item.EndLine ?? item.StartLine ?? 0) && f.endLine >= (item.StartLine ?? 0))),
      );
      if (hits.length) matched.push(...hits);
      else unmatched++;
    }
  } else {
    const results = (data as { results?: Record<string, Array<{ hashed_secret?: string; line_number?: number }>> })?.results;
    if (!results || typeof results !== 'object') throw new ConfigError('a detect-secrets baseline has a "results" object');
    for (const [file, items] of Object.entries(results)) {
      for (const item of items) {
        const hits = findings.filter(
          (f) => f.path === normalise(file) && (sha1(f.rawSecret) === item.hashed_secret || candidates(f.rawSecret).some((c) => sha1(c) === item.hashed_secret) || f.line === item.line_number),
        );
        if (hits.length) matched.push(...hits);
        else unmatched++;
      }
    }
  }
  return { baseline: baselineFromFindings(matched), unmatched };
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** detect-secrets hashes the value it extracted, which may include or omit quotes and prefixes. */
function candidates(secret: string): string[] {
  return [secret.replace(/^["']|["']$/g, ''), secret.split(/[=:]/).pop() ?? secret];
}
