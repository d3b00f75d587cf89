import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, test } from '@jest/globals';
import { AbortError, pstream } from './index.js';
import { countedAsyncSource, countedSyncSource, delay, gauge, randomMs } from './test-helpers/tasks.js';

describe('pstream', () => {
  test('yields every item once, in completion order, with index and item', async () => {
    const waits = [40, 5, 20, 1];
    const seen: number[] = [];
    for await (const r of pstream(waits, async (ms) => {
      await delay(ms);
      return ms * 10;
    })) {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value).toBe(r.item * 10);
      expect(waits[r.index]).toBe(r.item);
      seen.push(r.item);
    }
    expect(seen).toEqual([1, 5, 20, 40]);
  });

  test('errors are results, not throws', async () => {
    const results = [];
    for await (const r of pstream([1, 2, 3], async (x) => {
      if (x === 2) throw new Error('two');
      return x;
    })) {
      results.push(r);
    }
    expect(results).toHaveLength(3);
    expect(results.find((r) => r.index === 1)).toMatchObject({ ok: false, error: { message: 'two' }, item: 2 });
  });

  test('never more than concurrency running under random delays', async () => {
    const g = gauge();
    let count = 0;
    for await (const _ of pstream(countedAsyncSource(200).source, async () => {
      g.enter();
      await delay(randomMs(4));
      g.leave();
    }, { concurrency: 6 })) {
      count++;
    }
    expect(count).toBe(200);
    expect(g.max).toBe(6);
  });

  test('a slow consumer bounds tasks running plus results waiting to concurrency (backpressure)', async () => {
    const concurrency = 5;
    const { source, counter } = countedSyncSource(60);
    let finished = 0;
    let consumed = 0;
    let worst = 0;
    let started = 0;
    for await (const _ of pstream(source, async () => {
      started++;
      // Pulled but not consumed = running + finished-and-waiting.
      worst = Math.max(worst, counter.pulled - consumed);
      await delay(1);
      finished++;
    }, { concurrency })) {
      consumed++;
      if (consumed === 10) {
        // Stop pulling for a while: the pool must stall with at most `concurrency` in hand.
        await delay(60);
        expect(counter.pulled - consumed).toBeLessThanOrEqual(concurrency);
        expect(finished - consumed).toBeLessThanOrEqual(concurrency);
      }
    }
    // +1: a result handed to a waiting consumer whose loop body has not run yet is no longer held by the pool.
    expect(worst).toBeLessThanOrEqual(concurrency + 1);
    expect(started).toBe(60);
  });

  test('breaking out of the loop aborts in-flight tasks and stops the input', async () => {
    const { source, counter } = countedAsyncSource(1000);
    const signals: AbortSignal[] = [];
    let n = 0;
    for await (const r of pstream(source, async (x, { signal }) => {
      signals.push(signal);
      if (x > 3) await delay(5_000, signal);
      return x;
    }, { concurrency: 4 })) {
      n++;
      if (r.index === 3 || n === 4) break;
    }
    expect(signals.length).toBeLessThanOrEqual(4 + 4);
    const pulled = counter.pulled;
    await delay(30);
    expect(counter.pulled).toBe(pulled);
    expect(counter.closed).toBe(true);
    expect(signals.at(-1)!.aborted).toBe(true);
    expect(signals.at(-1)!.reason).toBeInstanceOf(AbortError);
  });

  test('nothing runs until iteration starts', async () => {
    let calls = 0;
    const stream = pstream([1, 2, 3], () => calls++);
    await delay(10);
    expect(calls).toBe(0);
    const first = await stream.next();
    expect(first.done).toBe(false);
    await stream.return!();
    expect(calls).toBeLessThanOrEqual(3);
  });

  test('the caller’s signal aborts running tasks and ends the loop with an AbortError', async () => {
    const controller = new AbortController();
    const seen: AbortSignal[] = [];
    const loop = (async () => {
      for await (const _ of pstream(countedSyncSource(100).source, async (_x, { signal }) => {
        seen.push(signal);
        await delay(5_000, signal);
      }, { concurrency: 3, signal: controller.signal })) {
        // nothing finishes before the abort
      }
    })();
    await delay(20);
    controller.abort();
    await expect(loop).rejects.toMatchObject({ name: 'AbortError', code: 'ABORTED' });
    expect(seen).toHaveLength(3);
    expect(seen.every((s) => s.aborted)).toBe(true);
  });

  test('a throwing input ends the loop with its error after the results already made', async () => {
    async function* broken() {
      yield 1;
      yield 2;
      throw new Error('source broke');
    }
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const r of pstream(broken(), async (x) => x)) if (r.ok) got.push(r.value);
      })(),
    ).rejects.toThrow('source broke');
    expect(got.length).toBeLessThanOrEqual(2);
  });

  test('100,000 items stream through with a constant working set', async () => {
    const n = 100_000;
    function* items() {
      for (let i = 0; i < n; i++) yield i;
    }
    let sum = 0;
    let count = 0;
    for await (const r of pstream(items(), async (x) => x, { concurrency: 50 })) {
      if (r.ok) sum += r.value;
      count++;
    }
    expect(count).toBe(n);
    expect(sum).toBe((n * (n - 1)) / 2);
  });

  test('AsyncLocalStorage context flows into tasks', async () => {
    const als = new AsyncLocalStorage<string>();
    const seen = await als.run('ctx', async () => {
      const out: (string | undefined)[] = [];
      for await (const r of pstream([1, 2, 3, 4, 5], async () => {
        await delay(randomMs(3));
        return als.getStore();
      }, { concurrency: 2 })) {
        if (r.ok) out.push(r.value);
      }
      return out;
    });
    expect(seen).toEqual(['ctx', 'ctx', 'ctx', 'ctx', 'ctx']);
  });
});
