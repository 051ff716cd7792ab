/**
 * The one scan pipeline. A source yields what to scan (a file to read, or bytes from git) together
 * with its provenance (where it came from); every source runs through the same steps: its settings
 * decide the pool, the pool runs the engine on each item (worker threads or in-process), and the
 * outcomes come back with their provenance. Each scan (tree, staged, history) is a source plus the
 * reporting it adds; all end in `finishResult` (suppressed findings dropped, sorted, with stats).
 */
import type { Rule } from '@hush/rules';
import type { Finding, ScanResult, SkippedFile } from '../types.js';
import type { Source, SourceItem } from '../sources/source.js';
import { ScanPool, shouldUseWorkers } from '../run/pool.js';
import type { ScanSettings } from '../policy/scan-settings.js';
import type { WorkOutcome } from '../run/work-item.js';

export interface Scanned<P> {
  provenance: P;
  outcome: WorkOutcome;
}

/** Items counted before deciding whether worker threads pay for themselves. */
const PROBE_ITEMS = 64;
/** How many bytes may wait for a worker before the source is asked for more (memory stays flat). */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;
/** Items handed over between yields to the event loop, so results flow back while a walk goes on. */
const YIELD_EVERY = 256;

/**
 * Runs a source through the pool and returns every outcome, in the source's order. For callers that
 * need them all at once (the staged scan); a walk or a history streams with `streamSource`.
 */
export async function scanSource<P>(source: Source<P>, settings: ScanSettings, onScanned?: (scanned: Scanned<P>) => void): Promise<Array<Scanned<P>>> {
  const all: Array<Scanned<P>> = [];
  await streamSource(source, settings, (scanned, index) => {
    all[index] = scanned;
    onScanned?.(scanned);
  });
  return all;
}

/**
 * The streaming pipeline: source → pool → `onScanned`, each outcome handed over as its batch comes
 * back (with the item's position in the source) and kept nowhere here. The source is read only while
 * fewer than MAX_QUEUED_BYTES wait for a worker, so a walk or a history of any size holds a bounded
 * amount; the pool starts after the first PROBE_ITEMS items and scans while the source goes on.
 */
export async function streamSource<P>(
  source: Source<P>,
  settings: ScanSettings,
  onScanned: (scanned: Scanned<P>, index: number) => void,
  started?: ScanPool,
): Promise<number> {
  const items = iterate(source.items);
  const first: Array<SourceItem<P>> = [];
  let next = await items.next();
  if (source.plan === 'probe') {
    while (!next.done && first.length < PROBE_ITEMS) {
      first.push(next.value);
      next = await items.next();
    }
  }
  const expected = typeof source.plan === 'object' ? source.plan.items : first.length;
  const pool = started ?? new ScanPool(settings.pool, useWorkers(source.plan, settings, first.length, !next.done), expected);
  let submitted = 0;
  let outstanding = 0;
  let drained: (() => void) | undefined;
  let failed: Error | undefined;
  const submit = (item: SourceItem<P>) => {
    const index = submitted++;
    outstanding++;
    const done = (outcome: WorkOutcome) => {
      try {
        onScanned({ provenance: item.provenance, outcome }, index);
      } catch (error) {
        failed ??= error instanceof Error ? error : new Error(String(error));
      }
      if (--outstanding === 0) drained?.();
    };
    if ('skipped' in item) done({ findings: [], skipped: item.skipped, bytes: 0 });
    else pool.submit(item.work, done);
  };
  try {
    first.forEach(submit);
    let handed = 0;
    while (!next.done && failed === undefined) {
      submit(next.value);
      await pool.whenQueuedBelow(MAX_QUEUED_BYTES);
      if (++handed % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      next = await items.next();
    }
    if (outstanding > 0) await new Promise<void>((resolve) => (drained = resolve));
    if (failed !== undefined) throw failed;
    return submitted;
  } finally {
    await pool.close();
  }
}

/**
 * A pool for work whose size is known before its items are, started at once: its workers load and
 * compile the rules while the caller is still preparing the items (`streamSource` takes it over).
 */
export function startPool(settings: ScanSettings, size: { items: number; bytes: number }): ScanPool {
  return new ScanPool(settings.pool, useWorkers(size, settings, 0, false), size.items);
}

function useWorkers(plan: Source<unknown>['plan'], settings: ScanSettings, probed: number, more: boolean): boolean {
  if (plan === 'small') return settings.hasUserRules;
  if (plan === 'probe') return probed > 0 && shouldUseWorkers(settings.pool, more ? PROBE_ITEMS : probed, 0, settings.hasUserRules);
  return plan.items > 0 && shouldUseWorkers(settings.pool, plan.items, plan.bytes, settings.hasUserRules);
}

function iterate<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Sorted findings (suppressed ones only when asked) with the stats every scan reports. */
export function finishResult<R>(
  all: Finding[],
  run: {
    skipped: SkippedFile[];
    root: string;
    rules: R;
    scanned: number;
    bytes: number;
    started: number;
    includeSuppressed?: boolean;
    warnings?: string[];
  },
): ScanResult & { rules: R } {
  const findings = (run.includeSuppressed ? all : all.filter((f) => !f.suppression)).sort(compareFindings);
  // A made-up token (a newcomer testing the hook) fails its checksum: say so once, not silently.
  const dropped = run.includeSuppressed ? [] : all.filter((f) => f.validity === 'checksum-invalid' && f.suppression);
  const providerOf = new Map((Array.isArray(run.rules) ? (run.rules as Rule[]) : []).map((r) => [r.id, r.provider]));
  const providers = [...new Set(dropped.map((f) => providerOf.get(f.ruleId)).filter((p): p is string => p !== undefined))].sort();
  return {
    findings,
    skipped: run.skipped,
    root: run.root,
    rules: run.rules,
    warnings: run.warnings ?? [],
    stats: {
      filesScanned: run.scanned,
      bytesScanned: run.bytes,
      filesSkipped: run.skipped.length,
      findings: findings.length,
      rulesRun: Array.isArray(run.rules) ? run.rules.length : 0,
      durationMs: Math.round(performance.now() - run.started),
      ...(dropped.length ? { checksumDropped: dropped.length, checksumDroppedProviders: providers } : {}),
    },
  };
}
