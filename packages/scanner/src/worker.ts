/** Worker thread: compiles the ruleset once, then scans batches of files sent by the pool. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Rule } from '@hush/rules';
import { compileRuleset } from './ruleset.js';
import { scanFileEntry, type FileScanOutcome } from './scan-file.js';
import type { FileEntry } from './sources/fs.js';

interface WorkerInit {
  rules: Rule[];
  maxFileSize: number;
  allowSecrets: string[];
  stopwords: string[];
}

const init = workerData as WorkerInit;
const ruleset = compileRuleset(init.rules);
const settings = { maxFileSize: init.maxFileSize, allowSecrets: init.allowSecrets.map((s) => new RegExp(s)), stopwords: init.stopwords };

parentPort!.on('message', (batch: FileEntry[]) => {
  const results: FileScanOutcome[] = batch.map((entry) => scanFileEntry(entry, ruleset, settings));
  parentPort!.postMessage(results);
});
