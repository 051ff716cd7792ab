/**
 * Worker thread: compiles the ruleset once, then scans batches of work items. It records the file and
 * rule it is on in shared memory, so the pool's watchdog can name a runaway rule and stop this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Rule } from '@hush/rules';
import { compileRuleset } from '../detect/ruleset.js';
import { packOutcomes } from './batch-outcomes.js';
import { scanWorkItem, type WorkItem, type WorkOutcome } from './work-item.js';

interface WorkerInit {
  rules: Rule[];
  maxFileSize: number;
  allowSecrets: string[];
  stopwords: string[];
  timeLimitMs: number;
  status: SharedArrayBuffer;
  prefixTable: SharedArrayBuffer;
  lineHashes: boolean;
}

const init = workerData as WorkerInit;
const status = new Int32Array(init.status);
const ruleset = compileRuleset(init.rules, init.prefixTable);
// Ready: the pool's watchdog times files from here, not from the thread's start-up.
Atomics.store(status, 2, 1);
const settings = {
  maxFileSize: init.maxFileSize,
  allowSecrets: init.allowSecrets.map((s) => new RegExp(s)),
  stopwords: init.stopwords,
  timeLimitMs: init.timeLimitMs,
  lineHashes: init.lineHashes,
  onRule: (index: number) => Atomics.store(status, 1, index),
};

parentPort!.on('message', (batch: WorkItem[]) => {
  const results: WorkOutcome[] = batch.map((item, index) => {
    Atomics.store(status, 0, index);
    return scanWorkItem(item, ruleset, settings);
  });
  const packed = packOutcomes(results);
  parentPort!.postMessage(packed, [packed.bytes.buffer as ArrayBuffer, packed.contentMatches.buffer as ArrayBuffer]);
});
