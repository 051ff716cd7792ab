/** Human report: findings grouped by file, the playbook's first step under each, a summary line. */
import type { Rule, Severity } from '@hush/rules';
import { redact } from '../redact.js';
import type { Finding, ScanResult } from '../types.js';
import { guidanceFor, ruleIndex } from './guidance.js';
import type { ReportContext } from './json.js';

export interface TextContext extends ReportContext {
  color?: boolean;
}

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];

export function renderText(result: ScanResult, context: TextContext): string {
  const paint = painter(context.color === true);
  const rules = ruleIndex(context.rules);
  const out: string[] = [];
  const inTree = result.findings.filter((f) => f.inHead !== false);
  const historyOnly = result.findings.filter((f) => f.inHead === false);
  const sections: Array<[string | undefined, Finding[]]> =
    historyOnly.length && result.findings.some((f) => f.commit)
      ? [
          ['Still in the tree:', inTree],
          ['Only in history (removed from the tree, but still valid until rotated):', historyOnly],
        ]
      : [[undefined, result.findings]];
  for (const [heading, findings] of sections) {
    if (!findings.length) continue;
    if (heading) out.push(paint.bold(heading), '');
    for (const [path, group] of groupByPath(findings)) {
      out.push(paint.underline(path));
      for (const f of group) out.push(...formatFinding(f, rules.get(f.ruleId), paint, context.showSecrets === true));
      out.push('');
    }
  }
  for (const s of result.skipped.filter((s) => s.reason !== 'binary')) {
    out.push(paint.dim(`note: skipped ${s.path}: ${s.reason}${s.detail ? ` (${s.detail})` : ''}`));
  }
  for (const w of result.warnings) out.push(paint.yellow(`warning: ${w}`));
  out.push(summaryLine(result, paint));
  return `${out.join('\n')}\n`;
}

function formatFinding(f: Finding, rule: Rule | undefined, paint: Painter, showSecrets: boolean): string[] {
  const secret = showSecrets ? f.rawSecret.replace(/\s+/g, ' ') : redact(f.rawSecret);
  const severity = paint.severity(f.severity, f.severity.padEnd(8));
  const lines = [`  ${`${f.line}:${f.column}`.padEnd(8)} ${severity} ${f.title}  ${paint.dim(secret)}  ${paint.dim(`[${f.ruleId}] ${f.validity}`)}`];
  if (f.commit) lines.push(`           ${paint.dim(`introduced in ${f.commit.sha.slice(0, 12)} by ${f.commit.author} on ${f.commit.date.slice(0, 10)}${f.commit.path !== f.path ? ` as ${f.commit.path}` : ''}`)}`);
  if (f.suppression) lines.push(`           ${paint.dim(`suppressed: ${f.suppression.reason}`)}`);
  lines.push(`           → ${guidanceFor(rule).steps[0]}`);
  return lines;
}

function groupByPath(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.path, [...(groups.get(f.path) ?? []), f]);
  return groups;
}

function summaryLine(result: ScanResult, paint: Painter): string {
  const { stats } = result;
  const scanned = stats.blobsScanned !== undefined ? `${stats.blobsScanned} blobs` : `${stats.filesScanned} files`;
  const took = stats.durationMs !== undefined ? ` in ${(stats.durationMs / 1000).toFixed(2)}s` : '';
  if (!result.findings.length) return paint.green(`✔ no secrets found (${scanned} scanned${took})`);
  const bySeverity = SEVERITY_ORDER.map((s) => [s, result.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const files = new Set(result.findings.map((f) => f.path)).size;
  const noun = result.findings.length === 1 ? 'secret' : 'secrets';
  return paint.red(`✖ ${result.findings.length} ${noun} found (${bySeverity}) in ${files} ${files === 1 ? 'file' : 'files'}; ${scanned} scanned${took}. Rotate each one: see \`hush rules show <rule-id>\`.`);
}

interface Painter {
  bold(s: string): string;
  underline(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  severity(level: Severity, s: string): string;
}

function painter(enabled: boolean): Painter {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  const red = wrap(31, 39);
  const yellow = wrap(33, 39);
  const magenta = wrap(35, 39);
  const cyan = wrap(36, 39);
  return {
    bold: wrap(1, 22),
    underline: wrap(4, 24),
    dim: wrap(2, 22),
    red,
    green: wrap(32, 39),
    yellow,
    severity: (level, s) => ({ critical: magenta, high: red, medium: yellow, low: cyan })[level](s),
  };
}
