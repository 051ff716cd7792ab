/** Stable identifiers of findings. */
import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import type { Finding } from '../types.js';

/** Identifies one occurrence: path, rule and position. */
export function locationFingerprint(path: string, ruleId: string, line: number, column: number): string {
  return createHash('sha256').update(`${path}\0${ruleId}\0${line}\0${column}`).digest('hex');
}

/** Identifies one occurrence in history: the commit that introduced it, then as a location. */
export function historyFingerprint(commit: string, path: string, ruleId: string, line: number, column: number): string {
  return createHash('sha256').update(`${commit}\0${path}\0${ruleId}\0${line}\0${column}`).digest('hex');
}

/** Identifies the secret itself for a rule: unchanged when it moves to another line or file. */
export function secretFingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${secret}`).digest('hex');
}

/**
 * Findings of a scan rooted at `root` with fingerprints made from their path relative to `repoRoot`,
 * so the same finding has the same fingerprint whichever directory the scan started in.
 */
export function fingerprintsFrom<F extends Finding>(repoRoot: string, root: string, findings: F[]): F[] {
  const prefix = relative(repoRoot, root).split(sep).join('/');
  if (!prefix || prefix.startsWith('..')) return findings;
  return findings.map((f) => ({ ...f, fingerprint: locationFingerprint(`${prefix}/${f.path}`, f.ruleId, f.line, f.column) }));
}
