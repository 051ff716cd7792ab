/**
 * The scanning pool. Work items (files or in-memory blobs) are queued and handed to worker threads in
 * batches; each worker compiles the rules once. A watchdog stops a worker stuck on one file for longer
 * than the time limit (a runaway regex), reports that file and rule as not fully scanned, and starts
 * a fresh worker for the rest. Small jobs without user rules run in-process instead.
 */
import { Worker } from 'node:worker_threads';
import type { Rule } from '@hush/rules';
import { PREFIX_TABLE_BYTES } from '../detect/prefilter/keyword-index.js';
import { compileRuleset } from '../detect/ruleset.js';
import { MAX_FILE_TIMEOUT_MS } from '../config/config-shape.js';
import type { FileScanOutcome } from '../detect/scan-file.js';
import type { FileEntry } from '../sources/fs.js';
import { unpackOutcomes, type PackedOutcomes } from './batch-outcomes.js';
import { placeOptimizingCompiler } from './worker-jit.js';
import { scanWorkItem, type WorkItem, type WorkOutcome } from './work-item.js';

export interface PoolOptions {
  rules: Rule[];
  jobs: number;
  maxFileSize: number;
  allowSecrets: string[];
  stopwords: string[];
  /** 'auto' uses workers only when there is enough work to pay for them. */
  workers?: 'auto' | 'always' | 'never';
  /** Milliseconds one file may take before its worker is stopped (default 30 s). */
  fileTimeoutMs?: number;
  /**
   * Copy blobs to workers instead of moving them: set with user rules, whose runaway regex may get a
   * worker stopped; the blobs it held are then scanned again by another, not reported unscanned.
   */
  keepContent?: boolean;
  /** Whether findings carry SARIF's line hash (default true; see DetectOptions.lineHashes). */
  lineHashes?: boolean;
}

const MIN_FILES_FOR_WORKERS = 64;
const MIN_BYTES_FOR_WORKERS = 4 * 1024 * 1024;
const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_FILES = 128;
/** Walked files carry no size (-1); estimate so batches stay balanced. */
const UNKNOWN_SIZE = 16 * 1024;
const sizeOf = (item: WorkItem) => (item.size >= 0 ? item.size : UNKNOWN_SIZE);
const DEFAULT_FILE_TIMEOUT_MS = 30_000;
/**
 * The engine stops itself at the time limit and reports what it found; the watchdog stops the
 * thread only when that did not happen in this much more time (one runaway regex match).
 */
const HARD_STOP_GRACE = (timeoutMs: number) => Math.max(250, timeoutMs / 2);
/** Old-generation heap of one worker: enough for the largest file's text, windows and findings several times over. */
const workerHeapMb = (maxFileSize: number) => Math.max(1024, Math.ceil((maxFileSize / (1024 * 1024)) * 64));
/**
 * The worker's file beside this module: worker.js here, worker.cjs in the one-file bundle, which
 * defines __HUSH_WORKER_FILE__ (scripts/bundle.mjs): a CommonJS worker starts without Node's ES
 * module loader, ~4 ms of CPU less per worker.
 */
declare const __HUSH_WORKER_FILE__: string | undefined;
const WORKER_FILE = typeof __HUSH_WORKER_FILE__ === 'string' ? __HUSH_WORKER_FILE__ : './worker.js';
/** Batches handed to a worker ahead: it starts the next one while its last results travel back. */
const BATCHES_IN_FLIGHT = 2;

interface Pending {
  item: WorkItem;
  /** Called once with the item's outcome (a callback, not a promise: no allocation per item). */
  resolve: (outcome: WorkOutcome) => void;
}

interface Slot {
  worker: Worker;
  status: Int32Array;
  /** Batches posted and not yet answered, oldest (the one the worker is on) first. */
  batches: Pending[][];
  lastFile: number;
  lastChange: number;
}

export class ScanPool {
  private readonly queue: Pending[] = [];
  private queued = 0;
  private readonly slots: Slot[] = [];
  private readonly workerData: object;
  private readonly timeoutMs: number;
  private watchdog?: NodeJS.Timeout;
  private inProcess?: ReturnType<typeof createInProcess>;
  private failure?: Error;

  /**
   * `expectedItems`: how many items are known to be coming (0: unknown). The pool starts a worker per
   * full batch of them, up to `jobs`, and more while full batches wait (see `dispatchBatches`).
   */
  constructor(
    private readonly options: PoolOptions,
    useWorkers: boolean,
    expectedItems = 0,
  ) {
    // Clamped for API callers too: config validation rejects larger values, this keeps the bound.
    this.timeoutMs = Math.min(options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS, MAX_FILE_TIMEOUT_MS);
    // One anchor table for all workers; each fills it as it compiles the rules (setting the same bits).
    const prefixTable = useWorkers ? new SharedArrayBuffer(PREFIX_TABLE_BYTES) : undefined;
    this.workerData = {
      rules: useWorkers ? options.rules.map(forScanning) : [],
      maxFileSize: options.maxFileSize,
      allowSecrets: options.allowSecrets,
      stopwords: options.stopwords,
      timeLimitMs: this.timeoutMs,
      prefixTable,
      lineHashes: options.lineHashes !== false,
    };
    if (!useWorkers) {
      // In-process scans get the same time limit (the engine keeps to it; built-in rules are linear, user rules always get workers).
      this.inProcess = createInProcess(options, this.timeoutMs);
      return;
    }
    placeOptimizingCompiler(this.maxWorkers);
    const initial = Math.min(this.maxWorkers, Math.max(1, Math.ceil(expectedItems / BATCH_FILES)));
    for (let i = 0; i < initial; i++) this.slots.push(this.spawn());
    this.watchdog = setInterval(() => this.checkTimeouts(), Math.min(250, Math.max(20, this.timeoutMs / 4)));
    this.watchdog.unref();
  }

  /** Scans one item; resolves when its batch comes back. */
  scan(item: WorkItem): Promise<WorkOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => this.submit(item, resolve));
  }

  /**
   * Queues one item; `done` gets its outcome when its batch comes back (in-process: at once). The
   * streaming path: no promise per item, and nothing kept here once the outcome is handed over.
   */
  submit(item: WorkItem, done: (outcome: WorkOutcome) => void): void {
    if (this.failure) {
      done({ findings: [], bytes: 0, skipped: { path: item.rel, reason: 'unreadable', detail: `scanner worker failed: ${this.failure.message}` } });
      return;
    }
    if (this.inProcess) {
      done(this.inProcess(item));
      return;
    }
    this.queue.push({ item, resolve: done });
    this.queued += sizeOf(item);
    this.dispatch();
  }

  /**
   * Worker threads started so far.
   * @public for tests
   */
  get workers(): number {
    return this.slots.length;
  }

  /** Whether items are scanned on the calling thread (no workers), which then has no time to spare. */
  get scansOnThisThread(): boolean {
    return this.inProcess !== undefined;
  }

  /** Bytes queued but not yet handed to a worker (for back-pressure when streaming). */
  get queuedBytes(): number {
    return this.queued;
  }

  private readonly drainWaiters: Array<{ limit: number; resolve: () => void }> = [];

  /** Resolves once no more than `limit` bytes wait for a worker (a producer awaits this to stay bounded). */
  whenQueuedBelow(limit: number): Promise<void> {
    if (this.inProcess || this.failure || this.queuedBytes <= limit) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push({ limit, resolve }));
  }

  private wakeProducers(): void {
    if (!this.drainWaiters.length) return;
    const queued = this.queuedBytes;
    for (let i = this.drainWaiters.length - 1; i >= 0; i--) {
      if (queued <= this.drainWaiters[i].limit || this.failure) this.drainWaiters.splice(i, 1)[0].resolve();
    }
  }

  async close(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    // [file index in the current batch, rule index, 1 once the worker has compiled the rules]
    const shared = new SharedArrayBuffer(12);
    // A small young generation keeps each worker's memory flat: scanning makes short-lived strings (3 MB
    // against 6: 23 MB less at --jobs 16, no measurable time at --jobs 2).
    const worker = new Worker(new URL(WORKER_FILE, import.meta.url), {
      workerData: { ...this.workerData, status: shared },
      // A memory cap per worker: a file that needs more ends that worker (reported, see below), not the process.
      resourceLimits: { maxYoungGenerationSizeMb: 3, maxOldGenerationSizeMb: workerHeapMb(this.options.maxFileSize) },
    });
    const slot: Slot = { worker, status: new Int32Array(shared), batches: [], lastFile: -1, lastChange: Date.now() };
    worker.on('message', (packed: PackedOutcomes) => {
      const outcomes = unpackOutcomes(packed);
      const batch = slot.batches.shift() ?? [];
      // The worker is on the next batch now: its progress counts from there.
      slot.lastFile = -1;
      slot.lastChange = Date.now();
      batch.forEach((p, i) => p.resolve(outcomes[i]));
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY' && this.slots.includes(slot))
        this.abandon(slot, 'out-of-memory', `ran out of its ${workerHeapMb(this.options.maxFileSize)} MB memory cap`);
      else this.fail(error);
    });
    return slot;
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const slot of this.slots)
      for (const p of slot.batches.flat())
        p.resolve({ findings: [], bytes: 0, skipped: { path: p.item.rel, reason: 'unreadable', detail: `scanner worker failed: ${error.message}` } });
    for (const p of this.queue.splice(0))
      p.resolve({ findings: [], bytes: 0, skipped: { path: p.item.rel, reason: 'unreadable', detail: `scanner worker failed: ${error.message}` } });
    this.queued = 0;
    this.wakeProducers();
  }

  private dispatch(): void {
    try {
      this.dispatchBatches();
    } finally {
      this.wakeProducers();
    }
  }

  private dispatchBatches(): void {
    for (const slot of this.slots) this.fill(slot);
    // Workers are started as the work needs them, not all at once: each costs start-up time and ~15 MB,
    // which a small tree on a many-core machine (`--jobs` defaults to the cores) never pays back.
    while (this.slots.length < this.maxWorkers && this.fullBatchWaits()) {
      const slot = this.spawn();
      this.slots.push(slot);
      this.fill(slot);
    }
  }

  /** Posts batches to `slot` up to BATCHES_IN_FLIGHT (a loop: a batch that cannot be posted leaves room for the next). */
  private fill(slot: Slot): void {
    while (slot.batches.length < BATCHES_IN_FLIGHT && this.queue.length) this.dispatchTo(slot);
  }

  private get maxWorkers(): number {
    return Math.max(1, this.options.jobs);
  }

  /** Whether a whole batch waits while every worker already has its batches in flight. */
  private fullBatchWaits(): boolean {
    return this.queue.length >= BATCH_FILES || this.queued >= BATCH_BYTES;
  }

  private dispatchTo(slot: Slot): void {
    const batch: Pending[] = [];
    let bytes = 0;
    while (this.queue.length && batch.length < BATCH_FILES && (batch.length === 0 || bytes + sizeOf(this.queue[0].item) <= BATCH_BYTES)) {
      const next = this.queue.shift()!;
      bytes += sizeOf(next.item);
      batch.push(next);
    }
    this.queued -= bytes;
    if (!slot.batches.length) {
      // An idle worker: its progress starts with this batch.
      Atomics.store(slot.status, 0, 0);
      Atomics.store(slot.status, 1, -1);
      slot.lastFile = 0;
      slot.lastChange = Date.now();
    }
    slot.batches.push(batch);
    const items = batch.map((p) => p.item);
    try {
      slot.worker.postMessage(items, this.options.keepContent ? [] : transferList(items));
    } catch (error) {
      // Not transferable or cloneable after all: those files are reported, never silently lost.
      slot.batches.pop();
      for (const p of batch)
        p.resolve({
          findings: [],
          bytes: 0,
          skipped: { path: p.item.rel, reason: 'unreadable', detail: `could not hand to a scanner worker: ${(error as Error).message}` },
        });
    }
  }

  /** Stops a worker that has spent too long on one file; its other files go back to the queue. */
  private checkTimeouts(): void {
    const now = Date.now();
    this.slots.forEach((slot) => {
      if (!slot.batches.length) return;
      // A worker still starting up (loading, compiling the rules) is not yet on any file.
      if (Atomics.load(slot.status, 2) === 0) {
        slot.lastChange = now;
        return;
      }
      const file = Atomics.load(slot.status, 0);
      if (file !== slot.lastFile) {
        slot.lastFile = file;
        slot.lastChange = now;
        return;
      }
      if (now - slot.lastChange < this.timeoutMs + HARD_STOP_GRACE(this.timeoutMs)) return;
      const rule = this.options.rules[Atomics.load(slot.status, 1)];
      this.abandon(slot, 'timeout', `rule ${rule?.id ?? 'unknown'} ran over ${this.timeoutMs} ms`);
    });
  }

  /** Stops a slot's worker on the file it is on (reported as not fully scanned) and hands its other files to a fresh worker. */
  private abandon(slot: Slot, reason: 'timeout' | 'out-of-memory', why: string): void {
    const index = this.slots.indexOf(slot);
    const file = Atomics.load(slot.status, 0);
    const [batch = [], ...later] = slot.batches;
    slot.batches = [];
    void slot.worker.terminate();
    const culprit = batch[file];
    culprit?.resolve({ findings: [], bytes: 0, skipped: { path: culprit.item.rel, reason, detail: `${why}; file not fully scanned` } });
    // Files before and after the culprit are scanned again by a fresh worker. Blobs whose memory
    // was moved to the stopped worker are gone from here: reported, not silently dropped.
    const again = [...batch.filter((_, i) => i !== file), ...later.flat()];
    const moved = (p: Pending) => p.item.content !== undefined && p.item.content.byteLength !== p.item.size;
    for (const p of again.filter(moved))
      p.resolve({
        findings: [],
        bytes: 0,
        skipped: { path: p.item.rel, reason: 'timeout', detail: `not scanned: its worker was stopped (${why} on ${culprit?.item.rel ?? 'another file'})` },
      });
    const retry = again.filter((p) => !moved(p));
    this.queue.unshift(...retry);
    this.queued += retry.reduce((sum, p) => sum + sizeOf(p.item), 0);
    this.slots[index] = this.spawn();
    this.dispatch();
  }
}

/**
 * A rule as a worker needs it: its examples, description, playbook and references are for the rules
 * test and the reports (made on the main thread), and half of the rules' size in every worker's heap.
 */
function forScanning({
  examples: _examples,
  counterExamples: _counter,
  description: _description,
  guidance: _guidance,
  references: _references,
  ...rule
}: Rule): Rule {
  return { ...rule, examples: [], description: '' };
}

/** Blob memory moved to the worker instead of copied: only what the caller handed over, each buffer once. */
function transferList(items: WorkItem[]): ArrayBuffer[] {
  const list = new Set<ArrayBuffer>();
  for (const { content, transfer } of items) {
    if (!transfer || !content || content.buffer instanceof SharedArrayBuffer) continue;
    if (content.byteOffset === 0 && content.byteLength === content.buffer.byteLength && content.byteLength > 0) list.add(content.buffer);
  }
  return [...list];
}

function createInProcess(options: PoolOptions, timeLimitMs: number) {
  const ruleset = compileRuleset(options.rules);
  const settings = {
    maxFileSize: options.maxFileSize,
    allowSecrets: options.allowSecrets.map((s) => new RegExp(s)),
    stopwords: options.stopwords,
    timeLimitMs,
    lineHashes: options.lineHashes !== false,
  };
  return (item: WorkItem) => scanWorkItem(item, ruleset, settings);
}

/** Whether a job of this size should use worker threads. */
export function shouldUseWorkers(options: Pick<PoolOptions, 'jobs' | 'workers'>, files: number, bytes: number, hasUserRules: boolean): boolean {
  const mode = options.workers ?? 'auto';
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  // User rules are untrusted regexes: only workers can be stopped when one runs away.
  if (hasUserRules) return true;
  return options.jobs > 1 && (files >= MIN_FILES_FOR_WORKERS || bytes >= MIN_BYTES_FOR_WORKERS);
}

/**
 * Scans a known list of files (the working-tree path).
 * @public for tests, which import it from the build (worker threads run the built worker)
 */
export async function scanFiles(files: FileEntry[], options: PoolOptions, hasUserRules = false): Promise<FileScanOutcome[]> {
  const bytes = files.reduce((sum, f) => sum + (f.size >= 0 ? f.size : UNKNOWN_SIZE), 0);
  const pool = new ScanPool(options, files.length > 0 && shouldUseWorkers(options, files.length, bytes, hasUserRules), files.length);
  try {
    return await Promise.all(files.map((f) => pool.scan({ rel: f.rel, abs: f.abs, size: f.size })));
  } finally {
    await pool.close();
  }
}
