/**
 * Inline suppression markers: `hush:ignore` (optionally `hush:ignore <rule-id>`) and the markers of
 * gitleaks (`gitleaks:allow`) and detect-secrets (`pragma: allowlist secret`), on the secret's line
 * or, for a comment line holding only `hush:ignore` or `pragma: allowlist nextline secret`, on the line before.
 */
const SAME_LINE = /hush:ignore(?:[ \t]+([a-z0-9][a-z0-9.-]*))?|gitleaks:allow|pragma:[ \t]*allowlist[ \t]+secret/i;
/** The line-before form is a comment line of its own: a trailing marker covers only its line. */
const LINE_BEFORE =
  /^\s*(?:#|\/\/|--|;|%|'|<!--|\/?\*+|REM\b)\s*(?:hush:ignore(?:[ \t]+([a-z0-9][a-z0-9.-]*))?|pragma:[ \t]*allowlist[ \t]+nextline[ \t]+secret)/i;

function markerApplies(match: RegExpExecArray | null, ruleId: string): boolean {
  if (!match) return false;
  const scoped = match[1];
  return !scoped || scoped === ruleId || scoped === 'all';
}

/** The markers of one line, found once however many findings the line holds. */
export interface LineMarkers {
  same: RegExpExecArray | null;
  before: RegExpExecArray | null;
}

/** Markers on a finding's line and on the line before (only its start matters: the marker is a comment line of its own). */
export function lineMarkers(lineText: string, previousLineStart: string | undefined): LineMarkers {
  return { same: SAME_LINE.exec(lineText), before: previousLineStart === undefined ? null : LINE_BEFORE.exec(previousLineStart) };
}

/** The reason a finding of `ruleId` is suppressed in source, or undefined. */
export function markerReason(markers: LineMarkers, ruleId: string): string | undefined {
  if (markerApplies(markers.same, ruleId)) return `inline marker "${markers.same![0]}"`;
  if (markerApplies(markers.before, ruleId)) return `inline marker "${markers.before![0]}" on the line before`;
  return undefined;
}
