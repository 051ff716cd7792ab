// The org shard partition, on generated inventories: every line in exactly one shard, the same split
// every time, and shards balanced to within one line's size.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InventoryEntry } from '../src/org/inventory.js';
import { selectShard } from '../src/org/partition.js';

const inventory = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[a-z]{1,6}\/[a-z0-9-]{1,8}$/),
    size: fc.nat({ max: 5_000_000 }),
    range: fc.option(fc.constantFrom('a..b', 'b..main'), { nil: undefined }),
  }),
  { selector: (e) => `${e.name}\0${e.range ?? ''}`, maxLength: 300 },
);
const entries = (raw: Array<{ name: string; size: number; range?: string }>): InventoryEntry[] =>
  raw.map((e) => ({
    name: e.name,
    cloneUrl: `https://git.example.com/${e.name}.git`,
    size: e.size,
    archived: false,
    fork: false,
    ...(e.range ? { range: e.range } : {}),
  }));

describe('selectShard', () => {
  it('puts every inventory line in exactly one shard, the same way every time, balanced to within one line', () => {
    fc.assert(
      fc.property(inventory, fc.integer({ min: 1, max: 300 }), (raw, of) => {
        const lines = entries(raw);
        const shards = Array.from({ length: of }, (_, i) => selectShard(lines, i, of));
        expect(shards.flat().length).toBe(lines.length);
        expect(new Set(shards.flat()).size).toBe(lines.length);
        // Stable: a second process computes the same split, also from the lines in another order.
        expect(
          selectShard([...lines].reverse(), of - 1, of)
            .map((e) => e.name)
            .sort(),
        ).toEqual(shards[of - 1].map((e) => e.name).sort());
        const load = shards.map((s) => s.reduce((n, e) => n + e.size + 1024, 0));
        const largest = Math.max(0, ...lines.map((e) => e.size + 1024));
        expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(largest);
      }),
      { numRuns: 200 },
    );
  });
});
