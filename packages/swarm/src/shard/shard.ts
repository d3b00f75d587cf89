import { UsageError } from '../errors.js';
import type { ItemSource } from '../work-items.js';

/** One share of the work: shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `--shard i/k` (1 ≤ i ≤ k); throws UsageError naming the value. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(index >= 1 && count >= 1 && index <= count && count <= 1_000_000)) {
    throw new UsageError(`--shard must be i/k with 1 ≤ i ≤ k (e.g. --shard 2/4), got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

export const formatShard = (shard: Shard): string => `${shard.index}/${shard.count}`;

/**
 * The shard (1-based) an id falls in: FNV-1a (32-bit) over the id's UTF-16 code units, then
 * murmur3's finaliser (FNV's low bits depend only on the low bits of each character, so `% k` alone
 * would split ids like `a4`, `a8`, `b0` unevenly). It depends on the id alone — not on the machine,
 * the input order or Node's hash seed — so k machines given the same work split it the same way
 * with no coordinator.
 */
export function shardOf(id: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) % count) + 1;
}

export const inShard = (id: string, shard: Shard): boolean => shardOf(id, shard.count) === shard.index;

/**
 * The items of `source` that fall in `shard`. Ids, seeds and prompts are unchanged, so every item is
 * asked exactly as an unsharded run would ask it. Counting the share walks the work once (for an
 * input file: one more read of it).
 */
export function shardSource(source: ItemSource, shard: Shard): ItemSource {
  let n = 0;
  for (const item of source.items(undefined)) if (inShard(item.id, shard)) n++;
  return {
    n,
    belongs: (id) => inShard(id, shard) && source.belongs(id),
    *items(done, onSkip) {
      for (const item of source.items(done, onSkip && ((id) => inShard(id, shard) && onSkip(id)))) {
        if (inShard(item.id, shard)) yield item;
      }
    },
  };
}
