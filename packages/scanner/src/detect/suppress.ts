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

/** The reason a finding is suppressed in source, or undefined. */
export function inlineSuppression(lineText: string, previousLine: string | undefined, ruleId: string): string | undefined {
  const same = SAME_LINE.exec(lineText);
  if (markerApplies(same, ruleId)) return `inline marker "${same![0]}"`;
  if (previousLine !== undefined) {
    const before = LINE_BEFORE.exec(previousLine);
    if (markerApplies(before, ruleId)) return `inline marker "${before![0]}" on the line before`;
  }
  return undefined;
}
