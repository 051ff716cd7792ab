/**
 * Which shard audits which repository: every repository in exactly one shard, shards balanced by
 * size. Largest first, each to the shard with the least work so far (ties: the lower index); the
 * order depends only on the inventory, so N processes reading the same file agree without talking.
 */
import type { InventoryEntry } from './inventory.js';

/** A repository of unknown or zero size still costs a clone and a walk. */
const FIXED_COST_KB = 1024;

function shardOf(entries: readonly InventoryEntry[], of: number): Map<string, number> {
  const load = new Array<number>(of).fill(0);
  const order = [...entries].sort((a, b) => b.size - a.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const assigned = new Map<string, number>();
  for (const entry of order) {
    let best = 0;
    for (let i = 1; i < of; i++) if (load[i] < load[best]) best = i;
    load[best] += entry.size + FIXED_COST_KB;
    assigned.set(entry.name, best);
  }
  return assigned;
}

/** Shard `shard`'s repositories, in inventory order. */
export function selectShard(entries: readonly InventoryEntry[], shard: number, of: number): InventoryEntry[] {
  const assigned = shardOf(entries, of);
  return entries.filter((e) => assigned.get(e.name) === shard);
}
