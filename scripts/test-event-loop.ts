/**
 * Vitest setup file: let each test worker's event loop turn between tests.
 *
 * A worker answers its main process (task updates over IPC, with a 60 s timeout) only when its event
 * loop turns, and Vitest moves from one test to the next without one. A file of synchronous tests
 * (the CLI run with spawnSync, the rule fuzz) can then hold the loop for minutes on a loaded 2-core
 * machine: every test passes and the run still fails with "Timeout calling onTaskUpdate".
 */
import { beforeEach } from 'vitest';

beforeEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
