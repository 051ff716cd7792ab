/**
 * The one stage after every scan (tree, staged, hook, history, a server's push): the policy's
 * baseline, then verification where the policy allows it, then the exit code. Commands and the hook
 * only render what comes out; none of them reads a setting again.
 */
import { acceptByBaseline, baselineHashKey } from '../report/baseline.js';
import { repositoryHashKey } from '../report/secret-hash.js';
import type { Finding, ScanResult, SecretHashKey } from '../types.js';
import { ignoredSettingsNote, type Policy } from './policy.js';
import { isIncomplete } from '../skip-records.js';

/** Where the stage says what it does (the CLI's Io satisfies it; the hook's too). */
export interface Notices {
  stderr(text: string): void;
}

export type PolicyResult = ScanResult & { policy: Policy; inherited?: Finding[] };

export interface Settled<T> {
  result: T;
  /** 0 clean, 1 findings (or, in the hook with `hook.blockOnSkipped`, files not scanned), 3 a file not scanned to its end. */
  exitCode: number;
}

export async function settle<T extends PolicyResult>(scanned: T, notices: Notices): Promise<Settled<T>> {
  const policy = scanned.policy;
  let result = capLocations(withBaseline(scanned, policy));
  const prefix = policy.kind === 'hook' ? 'hush: ' : '';
  const open = result.findings.some((f) => !f.suppression);
  const wouldVerify = policy.verify.enabled || (policy.kind === 'hook' && open);
  // Said once, and only where the ignored setting would have made a difference.
  for (const ignored of policy.ignored) {
    const relevant = policy.kind === 'hook' ? ignored.keys.includes('verify.hook') || policy.verify.enabled : policy.verify.enabled;
    if (relevant && wouldVerify) notices.stderr(`hush: ${ignoredSettingsNote(ignored)}\n`);
  }
  if (policy.verify.enabled && open) result = await verified(result, policy, notices, prefix);
  return { result, exitCode: exitCodeFor(result, policy) };
}

/** The key outputs hash secrets under: the applied baseline's salt, else the repository's. */
export function reportHashKey(result: ScanResult): SecretHashKey {
  return result.secretHashKey ?? repositoryHashKey(result.root);
}

/**
 * Most locations a report lists for one secret: a tree with 200,000 paths to one blob would
 * otherwise make a report of gigabytes. The rest are counted in a warning.
 */
const MAX_LOCATIONS_PER_SECRET = 100;

function capLocations<T extends PolicyResult>(result: T): T {
  const seen = new Map<string, number>();
  const kept: Finding[] = [];
  let omitted = 0;
  const capped = new Set<string>();
  for (const f of result.findings) {
    const key = `${f.ruleId}\0${f.secretHash}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= MAX_LOCATIONS_PER_SECRET) kept.push(f);
    else {
      omitted++;
      capped.add(key);
    }
  }
  if (!omitted) return result;
  const warning = `${omitted} more location${omitted === 1 ? '' : 's'} of ${capped.size} secret${capped.size === 1 ? '' : 's'} not listed (each secret is listed at its first ${MAX_LOCATIONS_PER_SECRET} locations)`;
  return { ...result, findings: kept, warnings: [...result.warnings, warning], stats: { ...result.stats, findings: kept.length, locationsOmitted: omitted } };
}

function withBaseline<T extends PolicyResult>(result: T, policy: Policy): T {
  if (!policy.baseline) return result;
  const { value: baseline, label } = policy.baseline;
  const { findings, accepted } = acceptByBaseline(result.findings, baseline, label, policy.includeSuppressed);
  const inherited = result.inherited && acceptByBaseline(result.inherited, baseline, label, false).findings;
  const secretHashKey = baselineHashKey(baseline);
  // The summary says how many the baseline accepted: a clean report can still hold known secrets.
  return {
    ...result,
    findings,
    ...(inherited ? { inherited } : {}),
    ...(secretHashKey ? { secretHashKey } : {}),
    stats: { ...result.stats, findings: findings.length, baselined: accepted },
  };
}

/** Network code is loaded only when a run verifies. */
async function verified<T extends PolicyResult>(result: T, policy: Policy, notices: Notices, prefix: string): Promise<T> {
  const { verifyFindings } = await import('../verify/index.js');
  const { verify } = policy;
  const announce = policy.kind === 'hook' ? 'verify.hook is set: checking' : 'verify: checking';
  const findings = await verifyFindings(result.findings, {
    endpoints: Object.fromEntries(Object.entries(verify.endpoints).map(([provider, url]) => [provider, url.value])),
    timeoutMs: verify.timeoutMs?.value,
    concurrency: verify.concurrency?.value,
    announce: (hosts) => notices.stderr(`${prefix}${announce} found secrets with their providers (read-only requests to ${hosts.join(', ')})\n`),
    warn: (line) => notices.stderr(`${prefix}${line}\n`),
  });
  return { ...result, findings };
}

/**
 * 1 for findings; a file not scanned to its end (time limit, worker memory cap) is never a clean
 * pass: 3 (the hook: 1, it blocks) unless `.hush.json` says `"incompleteScan": "warn"`.
 */
function exitCodeFor(result: PolicyResult, policy: Policy): number {
  if (result.findings.some((f) => !f.suppression)) return 1;
  if (policy.kind === 'hook' && policy.blockOnSkipped && result.skipped.length) return 1;
  if (policy.incompleteScan === 'fail' && result.skipped.some(isIncomplete)) return policy.kind === 'hook' ? 1 : 3;
  return 0;
}
