/**
 * Spreads files over worker threads in batches; each worker compiles the rules once. Small scans
 * stay in-process, where starting threads would cost more than it saves.
 */
import { Worker } from 'node:worker_threads';
import type { Rule } from '@hush/rules';
import { compileRuleset } from './ruleset.js';
import { scanFileEntry, type FileScanOutcome } from './scan-file.js';
import type { FileEntry } from './sources/fs.js';

export interface PoolOptions {
  rules: Rule[];
  jobs: number;
  maxFileSize: number;
  allowSecrets: string[];
  stopwords: string[];
  /** 'auto' uses workers only when there is enough work to pay for them. */
  workers?: 'auto' | 'always' | 'never';
}

const MIN_FILES_FOR_WORKERS = 64;
const MIN_BYTES_FOR_WORKERS = 4 * 1024 * 1024;
const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_FILES = 256;

export async function scanFiles(files: FileEntry[], options: PoolOptions): Promise<FileScanOutcome[]> {
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  const mode = options.workers ?? 'auto';
  const useWorkers =
    mode === 'always' || (mode === 'auto' && options.jobs > 1 && (files.length >= MIN_FILES_FOR_WORKERS || totalBytes >= MIN_BYTES_FOR_WORKERS));
  if (!useWorkers || files.length === 0) return scanInProcess(files, options);
  return scanInWorkers(files, options);
}

function scanInProcess(files: FileEntry[], options: PoolOptions): FileScanOutcome[] {
  const ruleset = compileRuleset(options.rules);
  const settings = { maxFileSize: options.maxFileSize, allowSecrets: options.allowSecrets.map((s) => new RegExp(s)), stopwords: options.stopwords };
  return files.map((file) => scanFileEntry(file, ruleset, settings));
}

function batchesOf(files: FileEntry[]): Array<{ start: number; files: FileEntry[] }> {
  const batches: Array<{ start: number; files: FileEntry[] }> = [];
  let current: FileEntry[] = [];
  let bytes = 0;
  let start = 0;
  files.forEach((file, index) => {
    if (current.length && (bytes + file.size > BATCH_BYTES || current.length >= BATCH_FILES)) {
      batches.push({ start, files: current });
      current = [];
      bytes = 0;
      start = index;
    }
    current.push(file);
    bytes += file.size;
  });
  if (current.length) batches.push({ start, files: current });
  return batches;
}

async function scanInWorkers(files: FileEntry[], options: PoolOptions): Promise<FileScanOutcome[]> {
  const results: FileScanOutcome[] = new Array(files.length);
  const queue = batchesOf(files);
  const count = Math.max(1, Math.min(options.jobs, queue.length));
  const workerData = { rules: options.rules, maxFileSize: options.maxFileSize, allowSecrets: options.allowSecrets, stopwords: options.stopwords };
  const workers = Array.from({ length: count }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolveWorker, rejectWorker) => {
            let current: { start: number; files: FileEntry[] } | undefined;
            const next = () => {
              current = queue.shift();
              if (!current) return resolveWorker();
              worker.postMessage(current.files);
            };
            worker.on('message', (outcomes: FileScanOutcome[]) => {
              outcomes.forEach((outcome, i) => (results[current!.start + i] = outcome));
              next();
            });
            worker.once('error', rejectWorker);
            worker.once('exit', (code) => {
              if (current && queue.length >= 0 && code !== 0) rejectWorker(new Error(`scanner worker exited with code ${code}`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
