/**
 * Baselines: the findings a team has accepted for now, stored as hashes only (rule id, path, secret
 * hash, first commit). A finding whose rule and secret hash are in the baseline is suppressed, so it
 * stays accepted when lines move, files are reformatted or renamed.
 *
 * Version 3 files carry their own random salt (`secretHashKey`) and store keyed hashes under it, by
 * hash scheme 3 (secret-hash.ts: scrypt for low-entropy secrets, HMAC for random tokens). Version 2
 * files (the same salt, scrypt for every secret) and version 1 files (unsalted SHA-256 of rule id and
 * secret) are still read and matched, and `hush baseline --prune` rewrites them as version 3.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { containedPath, replaceFile } from '../contained-files.js';
import { readSettingsFile } from '../config/settings-file.js';
import { isHashKey, keyFindings, randomHashKey, type HashScheme } from './secret-hash.js';
import type { Finding, SecretHashKey } from '../types.js';

export const BASELINE_FILE = '.hush-baseline.json';

/** @public part of an exported shape */
export interface BaselineEntry {
  ruleId: string;
  path: string;
  secretHash: string;
  commit?: string;
}

export interface Baseline {
  /** 3: keyed under `secretHashKey` by scheme 3; 2: by scheme 2 (scrypt only; read, not written); 1: legacy unsalted SHA-256 (read, not written). */
  version: 1 | 2 | 3;
  secretHashKey?: SecretHashKey;
  entries: BaselineEntry[];
}

/** A version 3 baseline of `findings`, under `key` (a new random salt unless an existing baseline's is kept). */
export function baselineFromFindings(findings: Finding[], key: SecretHashKey = randomHashKey()): Baseline {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of keyFindings(findings, key)) {
    const id = `${f.ruleId}\0${f.path}\0${f.keyedHash}`;
    if (seen.has(id)) continue;
    seen.add(id);
    entries.push({ ruleId: f.ruleId, path: f.path, secretHash: f.keyedHash!, ...(f.commit ? { commit: f.commit.sha } : {}) });
  }
  return { version: 3, secretHashKey: key, entries: sortEntries(entries) };
}

/** The key a baseline's hashes were made with, for reports that should match it (none for version 1). */
export function baselineHashKey(baseline: Baseline): SecretHashKey | undefined {
  return baseline.version === 1 ? undefined : baseline.secretHashKey;
}

/** How a keyed baseline's hashes were derived. */
const schemeOf = (baseline: Baseline): HashScheme => (baseline.version === 2 ? 2 : 3);

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort((a, b) => (a.path + a.ruleId + a.secretHash < b.path + b.ruleId + b.secretHash ? -1 : 1));
}

/** Replaces the file (temp file + rename); a link out of the repository is refused, never written through. */
export function writeBaseline(path: string, baseline: Baseline): void {
  replaceFile(containedPath(path, 'the baseline'), serializeBaseline(baseline));
}

function serializeBaseline(baseline: Baseline): string {
  const key = baselineHashKey(baseline);
  return `${JSON.stringify({ version: key ? baseline.version : 1, ...(key ? { secretHashKey: key } : {}), entries: sortEntries(baseline.entries) }, null, 2)}\n`;
}

export function loadBaseline(path: string): Baseline {
  if (!existsSync(path)) throw new ConfigError(`baseline not found: ${path}`);
  return parseBaseline(readSettingsFile(containedPath(path, 'the baseline'), path), path);
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
    throw new ConfigError(`${path}: not a hush baseline (expected {"version": 2, "secretHashKey": {...}, "entries": [{ruleId, path, secretHash}]})`);
  }
  const { version, secretHashKey } = raw as Baseline;
  if (version === 2 || version === 3) {
    if (!isHashKey(secretHashKey))
      throw new ConfigError(
        `${path}: "secretHashKey" is missing or not supported (expected {"kdf": "scrypt", "salt": 16 to 128 hex digits, "N": 16384, 32768 or 65536, "r": 8, "p": 1})`,
      );
    return { version, secretHashKey, entries };
  }
  if (version !== undefined && version !== 1) throw new ConfigError(`${path}: unknown baseline version (this hush reads versions 1, 2 and 3)`);
  return { version: 1, entries };
}

/**
 * The hash a finding has in this baseline: keyed under its salt (version 2), the legacy unsalted one
 * (version 1). Only findings not already suppressed are hashed: each keyed hash costs one scrypt.
 */
function hashIn(baseline: Baseline, findings: Finding[]): Map<Finding, string> {
  const key = baselineHashKey(baseline);
  const open = findings.filter((f) => !f.suppression);
  const keyed = key ? keyFindings(open, key, schemeOf(baseline)) : open;
  return new Map(open.map((f, i) => [f, key ? keyed[i].keyedHash! : f.secretHash]));
}

/** Marks findings in the baseline as externally suppressed. */
function applyBaseline(findings: Finding[], baseline: Baseline, label: string): Finding[] {
  if (!baseline.entries.length) return findings;
  const accepted = new Set(baseline.entries.map((e) => `${e.ruleId}\0${e.secretHash}`));
  const hashes = hashIn(baseline, findings);
  return findings.map((f) =>
    !f.suppression && accepted.has(`${f.ruleId}\0${hashes.get(f)}`)
      ? { ...f, suppression: { kind: 'external' as const, reason: `accepted in baseline ${label}` } }
      : f,
  );
}

/**
 * Findings with those the baseline accepts marked as suppressed, and dropped unless
 * `includeSuppressed`; `accepted` counts the ones it accepted that nothing else suppressed.
 */
export function acceptByBaseline(
  findings: Finding[],
  baseline: Baseline,
  label: string,
  includeSuppressed: boolean,
): { findings: Finding[]; accepted: number } {
  const marked = applyBaseline(findings, baseline, label);
  const accepted = marked.filter((f, i) => f.suppression && !findings[i].suppression).length;
  return { findings: includeSuppressed ? marked : marked.filter((f) => !f.suppression), accepted };
}

/**
 * Keeps only baseline entries that still occur among `findings` (`hush baseline --prune`). An older
 * baseline comes back as version 3 (`migrated`), its kept entries re-hashed from the findings that
 * match them: a version 2 one under its own salt, a version 1 one under a new random salt.
 */
export function pruneBaseline(baseline: Baseline, findings: Finding[]): { baseline: Baseline; removed: number; migrated: boolean } {
  const all = findings.map((f) => (f.suppression ? { ...f, suppression: undefined } : f));
  const hashes = hashIn(baseline, all);
  const present = new Map<string, Finding>();
  for (const [f, hash] of hashes) present.set(`${f.ruleId}\0${hash}`, f);
  const kept = baseline.entries.filter((e) => present.has(`${e.ruleId}\0${e.secretHash}`));
  const removed = baseline.entries.length - kept.length;
  const key = baselineHashKey(baseline);
  if (key && baseline.version === 3) return { baseline: { version: 3, secretHashKey: key, entries: kept }, removed, migrated: false };
  const fresh = key ?? randomHashKey();
  const entries = kept.map((e) => {
    const [f] = keyFindings([present.get(`${e.ruleId}\0${e.secretHash}`)!], fresh);
    return { ...e, secretHash: f.keyedHash! };
  });
  return { baseline: { version: 3, secretHashKey: fresh, entries: sortEntries(entries) }, removed, migrated: true };
}

/**
 * Imports from other scanners' files. Their hashes are not ours, so each of their entries is matched
 * to a hush finding from a fresh scan: detect-secrets by SHA-1 of the secret (exact), gitleaks by file
 * and line (or by the secret when the report was not redacted).
 */
export function importBaseline(
  kind: 'gitleaks' | 'detect-secrets',
  text: string,
  findings: Finding[],
  key?: SecretHashKey,
): { baseline: Baseline; unmatched: number } {
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
        (f) =>
          f.path === file &&
          ((item.Secret && item.Secret !== 'REDACTED' && f.rawSecret.includes(item.Secret)) ||
            (f.line <= (item.EndLine ?? item.StartLine ?? 0) && f.endLine >= (item.StartLine ?? 0))),
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
          (f) =>
            f.path === normalise(file) &&
            (sha1(f.rawSecret) === item.hashed_secret || candidates(f.rawSecret).some((c) => sha1(c) === item.hashed_secret) || f.line === item.line_number),
        );
        if (hits.length) matched.push(...hits);
        else unmatched++;
      }
    }
  }
  return { baseline: baselineFromFindings(matched, key), unmatched };
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
