/**
 * Which shard audits which repository: every inventory line (a repository, or one slice of a
 * monorepo's history) in exactly one shard, shards balanced by size. Largest first, each to the
 * shard with the least work so far (ties: the lower index); the order depends only on the
 * inventory, so N processes reading the same file agree without talking.
 */
import type { InventoryEntry } from './inventory.js';

/** A repository of unknown or zero size still costs a clone and a walk. */
const FIXED_COST_KB = 1024;

/** Shard `shard`'s lines, in inventory order. */
export function selectShard(entries: readonly InventoryEntry[], shard: number, of: number): InventoryEntry[] {
  const load = new Array<number>(of).fill(0);
  const key = (e: InventoryEntry) => `${e.name}\0${e.range ?? ''}`;
  const order = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.size - a.entry.size || (key(a.entry) < key(b.entry) ? -1 : key(a.entry) > key(b.entry) ? 1 : 0));
  const assigned = new Array<number>(entries.length);
  for (const { entry, index } of order) {
    let best = 0;
    for (let i = 1; i < of; i++) if (load[i] < load[best]) best = i;
    load[best] += entry.size + FIXED_COST_KB;
    assigned[index] = best;
  }
  return entries.filter((_, index) => assigned[index] === shard);
}
