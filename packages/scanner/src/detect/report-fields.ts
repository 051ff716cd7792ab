/**
 * The fields a finding carries for reports that come from its text: the digest of its secret, the
 * line excerpt and the redacted snippet. One place computes them, for a fresh scan (engine.ts) and
 * for a result restored from the audit cache (audit-cache.ts), so the two cannot drift apart.
 */
import { FindingLines } from './finding-lines.js';
import { secretFingerprint } from './fingerprint.js';
import type { LineIndex } from './location.js';
import type { TextLike } from './text.js';

type Position = { line: number; column: number };

/** A secret placed in the text: its rule, its value and where it starts and ends. */
export interface PlacedSecret {
  ruleId: string;
  rawSecret: string;
  start: Position;
  end: Position;
}

export interface ReportFields {
  secretHash: string;
  lineText: string;
  snippet: string;
}

/** The report fields of each secret (in order), and the line reader they came from (for inline markers). */
export function reportFields(text: TextLike, lines: LineIndex, secrets: PlacedSecret[]): { fields: ReportFields[]; around: FindingLines } {
  const around = new FindingLines(
    text,
    lines,
    secrets.map((s) => s.start),
    secrets.map((s) => s.end),
  );
  const fields = secrets.map((s) => ({
    secretHash: secretFingerprint(s.ruleId, s.rawSecret),
    lineText: around.excerpt(s.start),
    snippet: around.snippet(s.start),
  }));
  return { fields, around };
}
