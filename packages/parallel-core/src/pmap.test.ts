import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, test } from '@jest/globals';
import { AbortError, pmap } from './index.js';
import { countedAsyncSource, countedSyncSource, delay, gauge, randomMs } from './test-helpers/tasks.js';

describe('pmap', () => {
  test.each([1, 3, 8, 50])('never more than concurrency %i running under random delays, for every input kind', async (concurrency) => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    const inputs = {
      array: items,
      iterable: new Set(items),
      asyncIterable: countedAsyncSource(items.length).source,
    };
    for (const input of Object.values(inputs)) {
      const g = gauge();
      const results = await pmap(
        input,
        async (x: number) => {
          g.enter();
          await delay(randomMs(4));
          g.leave();
          return x;
        },
        { concurrency, failFast: true },
      );
      expect(g.max).toBeLessThanOrEqual(concurrency);
      expect(g.max).toBe(Math.min(concurrency, items.length));
      expect(results).toEqual(items);
    }
  });

  test('results keep input order whatever order tasks finish in', async () => {
    const items = Array.from({ length: 200 }, (_, i) => i);
    const settled = await pmap(items, async (x) => {
      await delay(randomMs(10));
      return x * 2;
    });
    expect(settled).toEqual(items.map((x) => ({ ok: true, value: x * 2 })));
  });

  test('settle-all returns every outcome, errors in place', async () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const errors = new Map<number, Error>();
    const settled = await pmap(
      items,
      async (x, { index }) => {
        expect(index).toBe(x);
        await delay(randomMs(3));
        if (x % 7 === 0) {
          const error = new Error(`bad ${x}`);
          errors.set(x, error);
          throw error;
        }
        return x;
      },
      { concurrency: 5 },
    );
    expect(settled).toHaveLength(items.length);
    settled.forEach((outcome, i) => {
      if (i % 7 === 0) expect(outcome).toEqual({ ok: false, error: errors.get(i) });
      else expect(outcome).toEqual({ ok: true, value: i });
    });
  });

  test('sync mappers and sync throws are results like any other', async () => {
    const settled = await pmap([1, 2, 3], (x) => {
      if (x === 2) throw new Error('two');
      return x;
    });
    expect(settled[0]).toEqual({ ok: true, value: 1 });
    expect(settled[1]).toMatchObject({ ok: false, error: { message: 'two' } });
    await expect(pmap([1, 2], (x) => { if (x === 1) throw new Error('first'); return x; }, { failFast: true })).rejects.toThrow('first');
  });

  test('an async iterable is never pulled more than concurrency ahead of what finished', async () => {
    const concurrency = 4;
    const { source, counter } = countedAsyncSource(100);
    let finished = 0;
    let worst = 0;
    await pmap(
      source,
      async () => {
        worst = Math.max(worst, counter.pulled - finished);
        await delay(randomMs(3));
        finished++;
      },
      { concurrency },
    );
    expect(worst).toBeLessThanOrEqual(concurrency);
    expect(counter.pulled).toBe(100);
  });

  test('while every slot is busy, no further item is pulled', async () => {
    for (const { source, counter } of [countedAsyncSource(100), countedSyncSource(100)]) {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const run = pmap(source as AsyncIterable<number>, () => gate, { concurrency: 3 });
      await delay(30);
      expect(counter.pulled).toBe(3);
      release();
      await run;
      expect(counter.pulled).toBe(100);
    }
  });

  test('failFast rejects with the first error, aborts the signal running tasks see and stops pulling', async () => {
    const { source, counter } = countedAsyncSource(1000);
    const boom = new Error('boom');
    const seen: AbortSignal[] = [];
    const started = performance.now();
    const run = pmap(
      source,
      async (x, { signal }) => {
        if (x === 2) {
          await delay(10);
          throw boom;
        }
        seen.push(signal);
        await delay(5_000, signal);
        return x;
      },
      { concurrency: 4, failFast: true },
    );
    await expect(run).rejects.toBe(boom);
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(seen.length).toBeGreaterThan(0);
    for (const signal of seen) {
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBeInstanceOf(AbortError);
      expect((signal.reason as AbortError).cause).toBe(boom);
    }
    const pulledAtFailure = counter.pulled;
    await delay(30);
    expect(counter.pulled).toBe(pulledAtFailure);
    expect(counter.pulled).toBe(4);
    expect(counter.closed).toBe(true);
  });

  test('the caller’s signal reaches running tasks, stops the run and rejects with an AbortError', async () => {
    const controller = new AbortController();
    const seen: AbortSignal[] = [];
    const { source, counter } = countedSyncSource(100);
    const run = pmap(
      source,
      async (_x, { signal }) => {
        seen.push(signal);
        await delay(5_000, signal);
      },
      { concurrency: 3, signal: controller.signal },
    );
    await delay(20);
    const reason = new Error('user cancelled');
    controller.abort(reason);
    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ name: 'AbortError', code: 'ABORTED', cause: reason });
    expect(seen).toHaveLength(3);
    expect(seen.every((s) => s.aborted)).toBe(true);
    expect(counter.pulled).toBe(3);
    expect(counter.closed).toBe(true);
  });

  test('an already aborted signal runs nothing', async () => {
    let calls = 0;
    await expect(pmap([1, 2], () => calls++, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(calls).toBe(0);
  });

  test('a throwing input rejects the run (in both modes)', async () => {
    function* broken() {
      yield 1;
      throw new Error('source broke');
    }
    async function* brokenAsync() {
      yield 1;
      throw new Error('async source broke');
    }
    await expect(pmap(broken(), async (x) => x)).rejects.toThrow('source broke');
    await expect(pmap(brokenAsync(), async (x) => x, { failFast: true })).rejects.toThrow('async source broke');
  });

  test('empty inputs and Infinity concurrency', async () => {
    expect(await pmap([], async (x) => x)).toEqual([]);
    expect(await pmap(countedAsyncSource(0).source, async (x) => x)).toEqual([]);
    const g = gauge();
    await pmap(
      Array.from({ length: 300 }, (_, i) => i),
      async () => {
        g.enter();
        await delay(5);
        g.leave();
      },
      { concurrency: Infinity },
    );
    expect(g.max).toBe(300);
  });

  test('AsyncLocalStorage context flows into tasks', async () => {
    const als = new AsyncLocalStorage<string>();
    const seen = await als.run('request-42', () =>
      pmap(
        countedAsyncSource(30).source,
        async () => {
          await delay(randomMs(3));
          return als.getStore();
        },
        { concurrency: 4, failFast: true, timeoutMs: 1_000, retry: 1 },
      ),
    );
    expect(seen).toEqual(new Array(30).fill('request-42'));
  });

  test('failures at any moment leave no rejection unhandled (jest fails a test on one; see also process.test.ts)', async () => {
    const failing = async (x: number) => {
      await delay(randomMs(5));
      if (x % 2) throw new Error(`fail ${x}`);
      return x;
    };
    const items = Array.from({ length: 40 }, (_, i) => i);
    await pmap(items, failing, { concurrency: 8 });
    await expect(pmap(items, failing, { concurrency: 8, failFast: true })).rejects.toThrow(/fail/);
    await expect(
      pmap(items, failing, { concurrency: 8, failFast: true, timeoutMs: 2, retry: { retries: 1, minDelayMs: 1 } }),
    ).rejects.toThrow();
    await delay(50);
  });
});
