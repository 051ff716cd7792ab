/** The hook's work: scan what is staged and explain, in the commit's terminal, how to proceed. */
import {
  checksumDroppedNote,
  findingLocation,
  findingsByRule,
  isIncomplete,
  printable,
  skipReason,
  redact,
  scanStaged,
  settle,
  guidanceFor,
  type Finding,
  type Notices,
  type SkippedFile,
} from '@hush/scanner';
import type { Rule } from '@hush/rules';

export interface HookRunResult {
  exitCode: number;
  message: string;
}

/**
 * The staged scan through the post-scan stage (the baseline the team accepted; verification only
 * where the user's own config sets verify.hook), then the commit's message. What the stage says as
 * it goes (hosts asked, settings ignored) goes to `notices`.
 */
export async function runHook(cwd: string, notices: Notices): Promise<HookRunResult> {
  // The message names findings by place and fingerprint: no SARIF line hashes to compute.
  const { result, exitCode } = await settle(await scanStaged({ cwd, kind: 'hook', lineHashes: false }), notices);
  // Mid-merge (conflicts resolved, or git merge's own pre-merge-commit hook) unstaging a file would drop the merge's change.
  const merge = result.merging || inMergeHook();
  // Notes never block by themselves (skipped files only with hook.blockOnSkipped).
  const dropped = checksumDroppedNote(result.stats);
  const notes = [
    ...broughtInNote(result.inherited),
    ...skippedNote(result.skipped),
    ...(dropped ? [`hush: ${dropped.replace('--include-suppressed', '`hush staged --include-suppressed`')}`] : []),
  ];
  if (!result.findings.length) {
    if (!notes.length) return { exitCode: 0, message: '' };
    if (!result.skipped.length) return { exitCode: 0, message: `${notes.join('\n')}\n` };
    // A file not scanned to its end is never a clean pass (unless the team said "incompleteScan": "warn").
    if (exitCode && result.skipped.some(isIncomplete) && !result.policy.blockOnSkipped)
      return {
        exitCode,
        message: `${[...notes, 'hush: the commit is blocked: a staged file was not scanned to its end ("incompleteScan": "warn" in .hush.json lets it through).', skipAdvice(merge)].join('\n')}\n`,
      };
    if (!exitCode)
      return {
        exitCode: 0,
        message: `${[...notes, 'hush: the commit goes ahead; "hook": {"blockOnSkipped": true} in .hush.json blocks it instead.'].join('\n')}\n`,
      };
    return {
      exitCode: 1,
      message: `${[...notes, 'hush: the commit is blocked ("hook.blockOnSkipped" is set in .hush.json).', skipAdvice(merge)].join('\n')}\n`,
    };
  }
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const lines = [
    `hush: this ${inMergeHook() ? 'merge' : 'commit'} adds ${result.findings.length} secret${result.findings.length === 1 ? '' : 's'}; the commit is blocked.`,
    '',
  ];
  lines.push(...describeFindings(result.findings, rules));
  lines.push(
    'A false positive? Add `hush:ignore` (or `hush:ignore <rule-id>`) on that line or the line before, or disable the rule in .hush.json.',
    ...(merge
      ? ['Mid-merge: remove the secret from the file and `git add` it again, or back out with git merge --abort.']
      : ['Unstaging the file (git restore --staged <file>) keeps your working copy.']),
    ...(notes.length ? ['', ...notes] : []),
    skipAdvice(merge),
  );
  return { exitCode: 1, message: `${lines.join('\n')}\n` };
}

/** Secrets the merged branch already committed: the merge does not add them, so they never block; they are named so that someone rotates them. */
function broughtInNote(inherited: Finding[]): string[] {
  if (!inherited.length) return [];
  const lines = [
    `hush: note: this merge brings ${inherited.length} secret${inherited.length === 1 ? '' : 's'} already committed on the merged branch (not blocking; rotate ${inherited.length === 1 ? 'it' : 'them'} if real):`,
  ];
  for (const f of inherited) lines.push(`  ${findingLocation(f)}  ${f.title}  ${redact(f.rawSecret)}  [${f.ruleId}]`);
  return lines;
}

/** Staged files hush could not read or scan (too large, binary, timed out): never silently passed. */
function skippedNote(skipped: SkippedFile[]): string[] {
  if (!skipped.length) return [];
  const lines = [`hush: ${skipped.length} staged file${skipped.length === 1 ? ' was' : 's were'} not scanned:`];
  for (const s of skipped) lines.push(`  ${printable(s.path)}  ${skipReason(s, s.reason === 'binary' ? 'binary (contains a NUL byte)' : s.reason)}`);
  return lines;
}

/** Run by `git merge` (pre-merge-commit): hush's hooks say so; a hand-written one shows in git's reflog action. */
function inMergeHook(): boolean {
  return process.env.HUSH_GIT_HOOK === 'pre-merge-commit' || /^merge\b/.test(process.env.GIT_REFLOG_ACTION ?? '');
}

function skipAdvice(merge: boolean): string {
  return `Only if you are sure: git ${merge && inMergeHook() ? 'merge' : 'commit'} --no-verify skips this check.`;
}

/** Findings listed in the message; the rest are counted (a 400-file commit must stay readable). */
const HOOK_MESSAGE_FINDINGS = 20;

/** By rule: its first rotation step once, then each finding (names escaped for the terminal). */
function describeFindings(findings: Finding[], rules: Map<string, Rule>): string[] {
  const shown = findings.slice(0, HOOK_MESSAGE_FINDINGS);
  const lines: string[] = [];
  for (const group of findingsByRule(shown)) {
    const ruleId = group[0].ruleId;
    lines.push(`  ${printable(group[0].title)}  [${ruleId}]`, `    → ${guidanceFor(rules.get(ruleId)).steps[0]}`);
    for (const f of group)
      lines.push(
        `    ${findingLocation(f)}  ${f.severity}  ${printable(redact(f.rawSecret))}${f.verification ? `  verification: ${f.verification.status}` : ''}`,
      );
    lines.push('');
  }
  const rest = findings.length - shown.length;
  if (rest > 0) lines.push(`  … and ${rest} more (run \`hush staged\` for the full list)`, '');
  return lines;
}
