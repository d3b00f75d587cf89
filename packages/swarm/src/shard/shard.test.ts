import { describe, expect, test } from '@jest/globals';
import { promptSource } from '../work-items.js';
import { parseShard, shardOf, shardSource } from './shard.js';

describe('shards', () => {
  test('parseShard takes i/k and refuses anything else with one line', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '2', '2/0', 'a/b', '-1/4', '1.5/4', '']) {
      expect(() => parseShard(bad)).toThrow(/--shard must be i\/k/);
    }
  });

  test('an id always falls in the same shard (pinned: machines must agree)', () => {
    expect(['0', '1', '2', '17', 'abc', 'q-9:judge'].map((id) => [shardOf(id, 4), shardOf(id, 7)])).toEqual([
      [2, 4],
      [4, 3],
      [4, 4],
      [1, 7],
      [1, 2],
      [3, 7],
    ]);
  });

  test('ids split evenly, also ids whose characters share their low bits', () => {
    for (const make of [(i: number) => String(i), (i: number) => `item-${i * 4}`]) {
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < 10_000; i++) counts[shardOf(make(i), 4) - 1]!++;
      for (const c of counts) expect(Math.abs(c - 2500)).toBeLessThan(150);
    }
  });

  test('k shards partition the work: every item in exactly one, asked as unsharded', () => {
    const source = promptSource('q', 500, ['judge', 'critic']);
    const all = [...source.items(undefined)].map((i) => `${i.id}|${i.seed}|${i.persona}`);
    const parts = [1, 2, 3].map((index) => shardSource(source, { index, count: 3 }));
    const seen = parts.flatMap((p) => [...p.items(undefined)].map((i) => `${i.id}|${i.seed}|${i.persona}`));
    expect(seen.sort()).toEqual(all.sort());
    expect(parts.reduce((sum, p) => sum + p.n, 0)).toBe(1000);
    for (const p of parts) expect(p.n).toBe([...p.items(undefined)].length);
    expect(parts[0]!.belongs('0:judge')).toBe(shardOf('0:judge', 3) === 1);
    expect(parts.filter((p) => p.belongs('7:critic'))).toHaveLength(1);
    expect(parts.some((p) => p.belongs('500:judge'))).toBe(false);
  });

  test('a shard skips done ids and reports only its own', () => {
    const part = shardSource(promptSource('q', 100, []), { index: 1, count: 2 });
    const mine = [...part.items(undefined)].map((i) => i.id);
    const skipped: string[] = [];
    const rest = [...part.items(new Set(['0', '1', '2', '3', mine[0]!]), (id) => skipped.push(id))].map((i) => i.id);
    expect(skipped.every((id) => mine.includes(id))).toBe(true);
    expect(skipped).toContain(mine[0]);
    expect(rest).toHaveLength(mine.length - skipped.length);
  });
});
