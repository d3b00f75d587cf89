import { describe, expect, test } from '@jest/globals';
import { DEFAULT_CONCURRENCY, optimalWorkers, pmap, pstream, runGraph } from './index.js';

const fn = async (x: unknown) => x;

describe('options are checked at the door', () => {
  test.each([
    [{ concurrency: 0 }, 'Expected `concurrency` to be an integer from 1 and up or `Infinity`, got `0` (number)'],
    [{ concurrency: 1.5 }, 'Expected `concurrency` to be an integer from 1 and up or `Infinity`, got `1.5` (number)'],
    [{ concurrency: '4' }, 'Expected `concurrency` to be an integer from 1 and up or `Infinity`, got `4` (string)'],
    [{ timeoutMs: -1 }, 'Expected `timeoutMs` to be a positive finite number, got `-1` (number)'],
    [{ timeoutMs: Infinity }, 'Expected `timeoutMs` to be a positive finite number, got `Infinity` (number)'],
    [{ signal: {} }, 'Expected `signal` to be an AbortSignal, got `[object Object]` (object)'],
    [{ retry: -1 }, 'Expected `retry` to be a non-negative integer, got `-1` (number)'],
    [{ retry: { retries: 2.5 } }, 'Expected `retry.retries` to be a non-negative integer, got `2.5` (number)'],
    [{ retry: { factor: 0.5 } }, 'Expected `retry.factor` to be a finite number from 1 and up, got `0.5` (number)'],
    [{ retry: { jitter: 'half' } }, "Expected `retry.jitter` to be 'full' or 'none', got `half` (string)"],
    [{ retry: { budget: 'lots' } }, 'Expected `retry.budget` to be a non-negative integer or a RetryBudget, got `lots` (string)'],
    [{ retry: { shouldRetry: true } }, 'Expected `retry.shouldRetry` to be a function, got `true` (boolean)'],
    [{ rateLimit: { requestsPerMinute: -5 } }, 'Expected `rateLimit.requestsPerMinute` to be a positive finite number, got `-5` (number)'],
    [{ adaptive: 'yes' }, 'Expected `adaptive` to be a boolean, adaptive options or an AdaptiveLimit, got `yes` (string)'],
    [{ adaptive: { decrease: 2 } }, 'Expected `adaptive.decrease` to be a number between 0 and 1 (exclusive), got `2` (number)'],
    [
      { concurrency: Infinity, adaptive: true },
      'Expected `adaptive.max` to be an integer from 1 and up when `concurrency` is `Infinity`, got `undefined` (undefined)',
    ],
    [{ progress: 'on' }, 'Expected `progress` to be a boolean, progress options or a progress reporter, got `on` (string)'],
    [{ progress: { total: -1 } }, 'Expected `progress.total` to be a non-negative integer, got `-1` (number)'],
    [{ stats: [] }, 'Expected `stats` to be a LatencyStats or an object with record(ms), got `[array]` (array)'],
    [{ failFast: 'yes' }, 'Expected `failFast` to be a boolean, got `yes` (string)'],
  ])('pmap %p', async (options, message) => {
    await expect(pmap([1], fn, options as never)).rejects.toThrow(new TypeError(message));
  });

  test('bad input and mapper', async () => {
    await expect(pmap(5 as never, fn)).rejects.toThrow('Expected `input` to be an array, an iterable or an async iterable, got `5` (number)');
    await expect(pmap([1], 'f' as never)).rejects.toThrow('Expected `fn` to be a function, got `f` (string)');
    await expect(pmap([1], fn, 3 as never)).rejects.toThrow('Expected `options` to be an object, got `3` (number)');
  });

  test('pstream throws at once (it is not async), runGraph rejects, nothing runs', async () => {
    let calls = 0;
    expect(() => pstream([1], () => calls++, { concurrency: 0 })).toThrow(TypeError);
    await expect(runGraph([{ id: 'a', run: () => calls++ }], { concurrency: -2 })).rejects.toThrow(
      'Expected `concurrency` to be an integer from 1 and up or `Infinity`, got `-2` (number)',
    );
    await expect(runGraph([{ id: 'a', run: () => calls++ }], { cancelWhen: 1 as never })).rejects.toThrow(
      'Expected `cancelWhen` to be a function, got `1` (number)',
    );
    expect(calls).toBe(0);
  });

  test('optimalWorkers', () => {
    expect(optimalWorkers('io')).toBe(DEFAULT_CONCURRENCY);
    expect(DEFAULT_CONCURRENCY).toBe(50);
    expect(optimalWorkers('cpu')).toBeGreaterThanOrEqual(1);
    expect(() => optimalWorkers('gpu' as never)).toThrow("Expected `kind` to be 'io' or 'cpu', got `gpu` (string)");
  });

  test('failFast: true types the result as plain values, otherwise as settled records', async () => {
    const values: number[] = await pmap([1, 2], async (x) => x * 2, { failFast: true });
    const settled = await pmap([1, 2], async (x) => x * 2);
    const first: number = settled[0]!.ok ? settled[0]!.value : 0;
    expect(values).toEqual([2, 4]);
    expect(first).toBe(2);
  });
});
