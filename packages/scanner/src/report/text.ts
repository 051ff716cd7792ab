/**
 * Human report: findings grouped by rule, the rule's first rotation step once above them, each
 * finding with its location, redacted secret and a short fingerprint (`hush explain <it>`), then a
 * summary line. Text from the repository is escaped before it reaches the terminal.
 */
import { isIncomplete } from '../skip-records.js';
import { SEVERITIES, type Rule, type Severity } from '@hush/rules';
import { redact, stripUrlCredentials } from '../detect/redact.js';
import type { Finding, ScanResult, SkippedFile } from '../types.js';
import { guidanceFor, ruleIndex } from './guidance.js';
import type { ReportContext } from './context.js';
import { printable } from './printable.js';
import { CONFIG_CHANGE_RULE_ID } from '../config/trusted-config.js';

export interface TextContext extends ReportContext {
  color?: boolean;
}

/** Binary files named in the report's note; the rest are counted. */
const BINARY_NAMED = 5;
/** Hex digits of the fingerprint shown per finding: enough for `hush explain` to pick one out. */
const SHORT_FINGERPRINT = 12;

export function renderText(result: ScanResult, context: TextContext): string {
  const paint = painter(context.color === true);
  const rules = ruleIndex(context.rules);
  const out: string[] = [];
  // Secrets their provider accepted (--verify) come first: those are the incidents.
  const live = result.findings.filter((f) => f.verification?.status === 'live');
  const rest = result.findings.filter((f) => f.verification?.status !== 'live');
  const inTree = rest.filter((f) => f.inHead !== false);
  const historyOnly = rest.filter((f) => f.inHead === false);
  const sections: Array<[string | undefined, Finding[]]> = [
    ...(live.length ? ([['Verified live (their providers accepted them: rotate these first):', live]] as Array<[string, Finding[]]>) : []),
    ...(historyOnly.length && result.findings.some((f) => f.commit)
      ? ([
          ['Still in the tree:', inTree],
          ['Only in history (removed from the tree, but still valid until rotated):', historyOnly],
        ] as Array<[string, Finding[]]>)
      : ([[live.length ? 'Not verified live:' : undefined, rest]] as Array<[string | undefined, Finding[]]>)),
  ];
  for (const [heading, findings] of sections) {
    if (!findings.length) continue;
    if (heading) out.push(paint.bold(heading), '');
    for (const group of groupByRule(findings)) out.push(...formatGroup(group, rules.get(group[0].ruleId), paint, context.showSecrets === true), '');
  }
  const binary = result.skipped.filter((s) => s.reason === 'binary');
  // One line for all binary files (a repository may hold hundreds of images), naming the first few.
  if (binary.length) {
    const named = binary
      .slice(0, BINARY_NAMED)
      .map((s) => printable(s.path))
      .join(', ');
    const more = binary.length > BINARY_NAMED ? ` and ${binary.length - BINARY_NAMED} more` : '';
    out.push(paint.dim(`note: skipped ${binary.length} binary ${binary.length === 1 ? 'file' : 'files'} (not scanned as text): ${named}${more}`));
  }
  for (const s of result.skipped.filter((s) => s.reason !== 'binary')) {
    out.push(paint.dim(`note: skipped ${printable(s.path)}: ${skipReason(s)}`));
  }
  for (const w of result.warnings) out.push(paint.yellow(`warning: ${printable(stripUrlCredentials(w))}`));
  out.push(summaryLine(result, paint));
  return `${out.join('\n')}\n`;
}

/** A rule's heading and first rotation step, once, then one line (or a few) per finding. */
function formatGroup(group: Finding[], rule: Rule | undefined, paint: Painter, showSecrets: boolean): string[] {
  const first = group[0];
  const severity = worst(group);
  const count = group.length === 1 ? '1 finding' : `${group.length} findings`;
  const lines = [
    `${paint.severity(severity, severity)}  ${paint.bold(printable(first.title))}  ${paint.dim(`[${first.ruleId}] ${count}`)}`,
    `  → ${guidanceFor(rule).steps[0]}`,
  ];
  for (const f of group) lines.push(...formatFinding(f, severity, paint, showSecrets));
  return lines;
}

function formatFinding(f: Finding, groupSeverity: Severity, paint: Painter, showSecrets: boolean): string[] {
  // A config change holds no secret: the file and that it changed say it all.
  if (f.ruleId === CONFIG_CHANGE_RULE_ID) return [`  ${paint.underline(printable(f.path))}  ${paint.dim('changed in the audited range')}`];
  const secret = printable(showSecrets ? f.rawSecret.replace(/\s+/g, ' ') : redact(f.rawSecret));
  // A validator may rate one finding below its rule (an expired token): say so beside it.
  const severity = f.severity !== groupSeverity ? `  ${paint.severity(f.severity, f.severity)}` : '';
  const lines = [
    `  ${paint.underline(findingLocation(f))}  ${paint.dim(secret)}  ${paint.dim(f.validity)}  ${paint.dim(`#${f.fingerprint.slice(0, SHORT_FINGERPRINT)}`)}${severity}`,
  ];
  if (f.commit)
    lines.push(
      `      ${paint.dim(`introduced in ${f.commit.sha.slice(0, 12)} by ${printable(f.commit.author)} on ${f.commit.date.slice(0, 10)}${f.commit.path !== f.path ? ` as ${printable(f.commit.path)}` : ''}${f.inHead === false ? '; not in HEAD (history only)' : ''}`)}`,
    );
  if (f.verification)
    lines.push(
      `      ${f.verification.status === 'live' ? paint.bold(`verified live: ${printable(f.verification.detail)}`) : paint.dim(`verification: ${f.verification.status} (${printable(f.verification.detail)})`)}`,
    );
  const app = f.details?.app;
  if (app?.clientId) {
    const hint = f.ruleId.startsWith('key.') ? '' : `, secret hint "${printable(f.rawSecret.slice(0, 3))}"`;
    lines.push(
      `      ${paint.dim(`app ${app.clientId}${app.tenant ? ` in tenant ${printable(app.tenant)}` : ''}${hint}: az ad app credential list --id ${app.clientId}`)}`,
    );
  }
  if (typeof f.details?.variable === 'string')
    lines.push(`      ${paint.dim(`assigned to ${printable(f.details.variable)} (generic rule: lower confidence than a provider's format)`)}`);
  if (f.suppression) lines.push(`      ${paint.dim(`suppressed: ${printable(f.suppression.reason)}`)}`);
  return lines;
}

/** Findings by rule, in order of first appearance. */
export function findingsByRule(findings: Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.ruleId, [...(groups.get(f.ruleId) ?? []), f]);
  return [...groups.values()];
}

/** Groups by rule: most severe first, then in order of first appearance. */
function groupByRule(findings: Finding[]): Finding[][] {
  return findingsByRule(findings).sort((a, b) => SEVERITIES.indexOf(worst(a)) - SEVERITIES.indexOf(worst(b)));
}

/** `path:line:column`, escaped for the terminal. */
export function findingLocation(f: Finding): string {
  return `${printable(f.path)}:${f.line}:${f.column}`;
}

/** Why a file was not scanned, with git's or the system's detail, escaped for the terminal. */
export function skipReason(s: SkippedFile, reason: string = s.reason): string {
  return `${reason}${s.detail ? ` (${printable(s.detail)})` : ''}`;
}

function worst(group: Finding[]): Severity {
  return SEVERITIES.find((s) => group.some((f) => f.severity === s)) ?? 'low';
}

/**
 * "1 candidate dropped: checksum fails — real GitHub tokens always pass; see --include-suppressed":
 * a made-up token is not reported, and whoever tested with one learns why. Empty when none.
 */
export function checksumDroppedNote(stats: ScanResult['stats']): string {
  const n = stats.checksumDropped ?? 0;
  if (!n) return '';
  const providers = stats.checksumDroppedProviders ?? [];
  const kind = providers.length ? `${providers.join(', ')} ` : '';
  return `${n} candidate${n === 1 ? '' : 's'} dropped: checksum fails — real ${kind}tokens always pass; see --include-suppressed`;
}

/** The summary line alone: with `-o FILE` the report goes to the file and this line to the terminal. */
export function renderSummary(result: ScanResult, context: Pick<TextContext, 'color'> = {}): string {
  return `${summaryLine(result, painter(context.color === true))}\n`;
}

function summaryLine(result: ScanResult, paint: Painter): string {
  const { stats } = result;
  const cached = stats.blobsCached ?? 0;
  const scanned =
    stats.blobsScanned !== undefined
      ? `${stats.blobsScanned + cached} ${stats.blobsScanned + cached === 1 ? 'blob' : 'blobs'} scanned${cached ? ` (${cached} from cache)` : ''}`
      : `${stats.filesScanned} ${stats.filesScanned === 1 ? 'file' : 'files'} scanned`;
  const took = stats.durationMs !== undefined ? ` in ${(stats.durationMs / 1000).toFixed(2)}s` : '';
  // A clean report after a baseline can still stand for known, unrotated secrets: count them.
  const dropped = checksumDroppedNote(stats);
  const accepted = `${stats.baselined ? `; ${stats.baselined} ${result.findings.length ? 'more ' : ''}accepted by the baseline` : ''}${dropped ? `; ${dropped}` : ''}`;
  // A file not scanned to its end is never a clean pass: the one line seen with -o says so too.
  const partial = result.skipped.filter(isIncomplete).length;
  const incomplete = partial ? `; ${partial} ${partial === 1 ? 'file was' : 'files were'} not scanned to the end (see the notes)` : '';
  // Suppressed findings (--include-suppressed, SARIF) are shown, not counted as secrets found.
  const active = result.findings.filter((f) => !f.suppression);
  const muted = result.findings.length - active.length;
  const suppressed = muted ? `; ${muted} suppressed` : '';
  if (!active.length && partial) return paint.red(`✖ scan incomplete: no secrets found in what was scanned (${scanned}${took}${accepted})${incomplete}`);
  if (!active.length) return paint.green(`✔ no secrets found (${scanned}${took}${accepted}${suppressed})`);
  const secrets = active.filter((f) => f.ruleId !== CONFIG_CHANGE_RULE_ID);
  const bySeverity = SEVERITIES.map((s) => [s, secrets.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const configChanges = active.filter((f) => f.ruleId === CONFIG_CHANGE_RULE_ID).length;
  const review = configChanges ? `${configChanges} change${configChanges === 1 ? '' : 's'} to hush's configuration to review` : '';
  if (!secrets.length) return paint.red(`✖ ${review} (${scanned}${took}${accepted}${incomplete}); no secrets found.`);
  const files = new Set(secrets.map((f) => f.path)).size;
  const noun = secrets.length === 1 ? 'secret' : 'secrets';
  return paint.red(
    `✖ ${secrets.length} ${noun} found (${bySeverity}) in ${files} ${files === 1 ? 'file' : 'files'}; ${scanned}${took}${accepted}${review ? `; ${review}` : ''}${suppressed}${incomplete}. Rotate each one: see \`hush rules show <rule-id>\`.`,
  );
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
