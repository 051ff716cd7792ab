/** Picks and runs the reporter for --format. */
import {
  renderHtml,
  renderJson,
  renderSarif,
  renderSummary,
  renderText,
  repoInfo,
  reportHashKey,
  slowHashesToDo,
  warmKeyedHashes,
  writeOutputFile,
  type ScanResult,
} from '@hush/scanner';
import type { Rule } from '@hush/rules';
import type { Io } from './io.js';
import type { Format } from './formats.js';
import { VERSION } from './version.js';

export interface RenderOptions {
  format: Format;
  rules: readonly Rule[];
  showSecrets: boolean;
  output?: string;
  deterministic?: boolean;
}

/** Text reports print no secretHash, so they need no key (and no git call to find one). */
function reportKey(result: ScanResult, format: Format) {
  return format === 'text' ? undefined : reportHashKey(result);
}

export function render(
  result: ScanResult,
  options: RenderOptions,
  io: Io,
  extra: Parameters<typeof renderSarif>[1] extends infer C ? Partial<C> : never = {},
): string {
  // emitReport passes the key it hashed with: each reportKey is a git process.
  const secretHashKey = extra.secretHashKey ?? reportKey(result, options.format);
  const context = {
    rules: options.rules,
    showSecrets: options.showSecrets,
    toolVersion: VERSION,
    deterministic: options.deterministic,
    secretHashKey,
    ...extra,
  };
  if (options.format === 'json') return renderJson(result, context);
  if (options.format === 'sarif') return renderSarif(result, context);
  if (options.format === 'html') return renderHtml(result, context);
  return renderText(result, { ...context, color: io.isTTY && !options.output && !io.env.NO_COLOR });
}

/**
 * The report on stdout, or in --output's file with the one-line summary on stderr (so a run is never
 * silent). The time it states includes hashing the secrets for the report, not only the scan.
 */
export async function emitReport(scanned: ScanResult, options: RenderOptions, io: Io, extra: Parameters<typeof render>[3] = {}): Promise<void> {
  const started = performance.now();
  const key = reportKey(scanned, options.format);
  if (key) {
    const slow = slowHashesToDo(scanned.findings, key).length;
    // The slow derivation (low-entropy secrets only) can take seconds: say so on a terminal.
    if (slow && io.isTTY) io.stderr(`hashing ${slow} low-entropy secret${slow === 1 ? '' : 's'} for the report (scrypt)…`);
    await warmKeyedHashes(scanned.findings, key);
    if (slow && io.isTTY) io.stderr('\r\x1b[K');
  }
  const result = { ...scanned, stats: { ...scanned.stats, durationMs: scanned.stats.durationMs + Math.round(performance.now() - started) } };
  const known = key ? { secretHashKey: key } : {};
  const text = render(
    result,
    options,
    io,
    options.format === 'json' && !extra.repository ? { ...known, ...extra, repository: identityOf(result.root) } : { ...known, ...extra },
  );
  if (!options.output) return io.stdout(text);
  // Replaced rather than written through: CI writes reports inside the checkout, where a link may wait.
  writeOutputFile(options.output, text, io.cwd);
  io.stderr(renderSummary(result, { color: false }));
}

/** The enclosing repository's remote (no userinfo) and HEAD, which name a JSON report; none outside git. */
function identityOf(root: string) {
  try {
    const { remoteUrl, head, branch } = repoInfo(root);
    return { remoteUrl, head, branch };
  } catch {
    return undefined;
  }
}

/** The repository's remote (no userinfo), asked of git only when a finding names an app (its steps name the repository). */
export function remoteFor(result: ScanResult): string | undefined {
  if (!result.findings.some((f) => f.details?.app)) return undefined;
  try {
    return repoInfo(result.root).remoteUrl;
  } catch {
    return undefined;
  }
}

/**
 * What every scanning command asks of the policy, from its flags. Suppressed findings stay in the
 * result with --include-suppressed, and always in SARIF, so code scanning shows them as dismissed
 * (with their `suppressions`) rather than not at all.
 */
export function policyFlags(args: {
  format?: string;
  config?: string;
  baseline?: string;
  verify?: boolean;
  verifyEndpoint?: Record<string, string>;
  trustRepoVerify?: boolean;
  includeSuppressed?: boolean;
}) {
  return {
    configFile: args.config,
    baselineFile: args.baseline,
    verify: args.verify,
    verifyEndpoints: args.verifyEndpoint,
    trustRepoVerify: args.trustRepoVerify,
    includeSuppressed: args.includeSuppressed || args.format === 'sarif',
  };
}
