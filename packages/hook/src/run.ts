/** The hook's work: scan what is staged and explain, in the commit's terminal, how to proceed. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyBaseline, BASELINE_FILE, loadBaseline, redact, scanStaged, guidanceFor, type Finding } from '@hush/scanner';
import type { Rule } from '@hush/rules';

export interface HookRunResult {
  exitCode: number;
  message: string;
}

export async function runHook(cwd: string): Promise<HookRunResult> {
  const result = await scanStaged({ cwd });
  // Secrets the team accepted in the baseline do not block commits.
  const baselinePath = join(result.root, BASELINE_FILE);
  if (existsSync(baselinePath)) result.findings = applyBaseline(result.findings, loadBaseline(baselinePath), BASELINE_FILE).filter((f) => !f.suppression);
  if (!result.findings.length) return { exitCode: 0, message: '' };
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const lines = [`hush: this commit adds ${result.findings.length} secret${result.findings.length === 1 ? '' : 's'}; the commit is blocked.`, ''];
  for (const f of result.findings) lines.push(...describe(f, rules.get(f.ruleId)));
  lines.push(
    'A false positive? Add `hush:ignore` (or `hush:ignore <rule-id>`) on that line or the line before, or disable the rule in .hush.json.',
    'Unstaging the file (git restore --staged <file>) keeps your working copy.',
    'Only if you are sure: git commit --no-verify skips this check.',
  );
  return { exitCode: 1, message: `${lines.join('\n')}\n` };
}

function describe(f: Finding, rule: Rule | undefined): string[] {
  return [`  ${f.path}:${f.line}:${f.column}  ${f.severity}  ${f.title}  ${redact(f.rawSecret)}  [${f.ruleId}]`, `    → ${guidanceFor(rule).steps[0]}`, ''];
}
