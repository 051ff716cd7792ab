/** Stable identifiers of findings. */
import { createHash } from 'node:crypto';

/** Identifies one occurrence: path, rule and position. */
export function locationFingerprint(path: string, ruleId: string, line: number, column: number): string {
  return createHash('sha256').update(`${path}\0${ruleId}\0${line}\0${column}`).digest('hex');
}

/** Identifies the secret itself for a rule: unchanged when it moves to another line or file. */
export function secretFingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${secret}`).digest('hex');
}
