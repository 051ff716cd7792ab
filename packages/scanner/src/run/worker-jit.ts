/**
 * Where V8 compiles the workers' optimized code. By default each isolate hands its hot functions to
 * V8's platform threads, which Node starts four of (`--v8-pool-size`) for the whole process, shared by
 * every worker. One worker's engine costs ~60–150 ms of optimizing-compiler time (per-thread CPU
 * counters, `hush scan --jobs 2` and `--jobs 16` on the benchmark tree): with more workers than
 * platform threads, those jobs queue behind each other while the workers run unoptimized code. Past
 * that count each worker compiles on its own thread instead, in parallel with the others (at
 * `--jobs 16` on two cores: the platform threads' CPU ~1.0 s → ~0.2 s, the scan's time unchanged).
 */
import { setFlagsFromString } from 'node:v8';

/** Node's default `--v8-pool-size`. */
const PLATFORM_THREADS = 4;
let applied = false;

/** Call before starting workers: from this many on, optimized code is compiled on each worker's own thread. */
export function placeOptimizingCompiler(workers: number): void {
  if (applied || workers <= PLATFORM_THREADS || process.execArgv.some((flag) => flag.includes('concurrent-recompilation'))) return;
  setFlagsFromString('--no-concurrent-recompilation');
  applied = true;
}
