import { describe, expect, test } from '@jest/globals';
import { AbortError, pmap, RetryBudget, runGraph, TaskTimeoutError, type PmapOptions } from './index.js';
import { backoffDelay, resolveRetry } from './retry-policy.js';
import { delay, httpError } from './test-helpers/tasks.js';

/** Runs one task that fails with `errors[i]` on attempt i+1 and then succeeds; returns attempt start times. */
async function attemptsOf(errors: unknown[], retry: NonNullable<PmapOptions['retry']>) {
  const starts: number[] = [];
  const [outcome] = await pmap(
    ['x'],
    async (_item, { attempt }) => {
      starts.push(performance.now());
      if (attempt <= errors.length) throw errors[attempt - 1];
      return attempt;
    },
    { retry },
  );
  return { starts, outcome: outcome!, gaps: starts.slice(1).map((t, i) => t - starts[i]!) };
}

describe('retry', () => {
  test('waits what retry-after-ms says (plain header record)', async () => {
    const { gaps, outcome } = await attemptsOf([httpError(429, { 'retry-after-ms': '150' })], { retries: 2 });
    expect(outcome).toEqual({ ok: true, value: 2 });
    expect(gaps[0]).toBeGreaterThanOrEqual(145);
  });

  test('waits what retry-after says in seconds (a Headers object)', async () => {
    const { gaps } = await attemptsOf([httpError(503, new Headers({ 'Retry-After': '1' }))], 1);
    expect(gaps[0]).toBeGreaterThanOrEqual(990);
  });

  test('waits until the HTTP date retry-after names (an undici-style record with arrays)', async () => {
    const at = new Date(Date.now() + 2_000);
    const error = Object.assign(new Error('busy'), { statusCode: 503, headers: { 'retry-after': [at.toUTCString()] } });
    const { gaps } = await attemptsOf([error], 1);
    // HTTP dates have whole seconds: the wait is between 1 and 2 s.
    expect(gaps[0]).toBeGreaterThanOrEqual(990);
  });

  test('error.retryAfterMs wins over headers', async () => {
    const error = Object.assign(httpError(429, { 'retry-after': '30' }), { retryAfterMs: 60 });
    const { gaps } = await attemptsOf([error], 1);
    expect(gaps[0]).toBeGreaterThanOrEqual(55);
    expect(gaps[0]).toBeLessThan(20_000);
  });

  test('a wait longer than maxRetryAfterMs fails the task at once', async () => {
    const error = httpError(429, { 'retry-after': '120' });
    const { starts, outcome } = await attemptsOf([error], 3);
    expect(starts).toHaveLength(1);
    expect(outcome).toEqual({ ok: false, error });
  });

  test('exponential backoff: each wait at least the growing ceiling without jitter', async () => {
    const e = httpError(500);
    const { gaps, outcome } = await attemptsOf([e, e, e], { retries: 3, minDelayMs: 20, factor: 2, jitter: 'none' });
    expect(outcome.ok).toBe(true);
    expect(gaps[0]).toBeGreaterThanOrEqual(19);
    expect(gaps[1]).toBeGreaterThanOrEqual(39);
    expect(gaps[2]).toBeGreaterThanOrEqual(79);
  });

  test('full jitter stays within [0, min(maxDelayMs, minDelayMs·factor^(n-1))]', () => {
    const policy = resolveRetry({ minDelayMs: 100, maxDelayMs: 1_000, factor: 3 })!;
    for (let attempt = 1; attempt <= 6; attempt++) {
      const ceiling = Math.min(1_000, 100 * 3 ** (attempt - 1));
      const samples = Array.from({ length: 500 }, () => backoffDelay(policy, attempt));
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...samples)).toBeLessThanOrEqual(ceiling);
      // Spread over the range, not pinned to the ceiling.
      expect(Math.min(...samples)).toBeLessThan(ceiling / 4);
    }
  });

  test('gives up after `retries` and returns the last error', async () => {
    let calls = 0;
    const errors = [httpError(502), httpError(503), httpError(504)];
    const [outcome] = await pmap([1], async () => {
      throw errors[calls++];
    }, { retry: { retries: 2, minDelayMs: 1 } });
    expect(calls).toBe(3);
    expect(outcome).toEqual({ ok: false, error: errors[2] });
  });

  test('by default retries 408/409/429/5xx, network errors and timeouts, not 4xx or plain errors', async () => {
    const cases: [unknown, boolean][] = [
      [httpError(400), false],
      [httpError(404), false],
      [httpError(408), true],
      [httpError(409), true],
      [httpError(429), true],
      [httpError(500), true],
      [Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }), true],
      [Object.assign(new Error('socket'), { code: 'UND_ERR_SOCKET' }), true],
      [new Error('plain'), false],
    ];
    for (const [error, retried] of cases) {
      let calls = 0;
      await pmap([1], async () => {
        calls++;
        throw error;
      }, { retry: { retries: 1, minDelayMs: 1 } });
      expect([error, calls]).toEqual([error, retried ? 2 : 1]);
    }
  });

  test('a task timeout is retried, each attempt with a fresh time limit', async () => {
    const [outcome] = await pmap([1], async (_x, { attempt, signal }) => {
      if (attempt === 1) await delay(5_000, signal);
      return attempt;
    }, { timeoutMs: 50, retry: { retries: 1, minDelayMs: 1 } });
    expect(outcome).toEqual({ ok: true, value: 2 });
  });

  test('a retry budget caps retries across tasks, and a shared one across runs', async () => {
    const budget = new RetryBudget(3);
    let calls = 0;
    const fail = async () => {
      calls++;
      throw httpError(503);
    };
    const first = await pmap([1, 2, 3, 4, 5], fail, { retry: { retries: 5, minDelayMs: 1, budget } });
    expect(first.every((r) => !r.ok)).toBe(true);
    expect(calls).toBe(5 + 3);
    expect(budget.remaining).toBe(0);
    calls = 0;
    await pmap([1, 2], fail, { retry: { retries: 5, minDelayMs: 1, budget } });
    expect(calls).toBe(2);

    calls = 0;
    await pmap([1, 2, 3, 4], fail, { retry: { retries: 5, minDelayMs: 1, budget: 1 } });
    expect(calls).toBe(4 + 1);
  });

  test('onRetry hears about each retry before its wait', async () => {
    const heard: { attempt: number; index: number; delayMs: number }[] = [];
    await pmap(['a', 'b'], async (item, { attempt }) => {
      if (item === 'b' && attempt < 3) throw httpError(500);
      return item;
    }, { retry: { retries: 3, minDelayMs: 5, onRetry: ({ attempt, index, delayMs }) => heard.push({ attempt, index, delayMs }) } });
    expect(heard.map(({ attempt, index }) => [attempt, index])).toEqual([[1, 1], [2, 1]]);
    expect(heard.every((h) => h.delayMs >= 0 && h.delayMs <= 10)).toBe(true);
  });

  test('the caller’s signal cancels a retry wait, and an abort it caused is never retried', async () => {
    const controller = new AbortController();
    let calls = 0;
    const started = performance.now();
    const run = pmap([1], async () => {
      calls++;
      throw httpError(429, { 'retry-after': '30' });
    }, { retry: 3, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(calls).toBe(1);

    const second = new AbortController();
    calls = 0;
    const graph = runGraph([{ id: 'a', run: async (signal) => {
      calls++;
      await delay(5_000, signal);
    } }], { retry: { retries: 3, minDelayMs: 1, shouldRetry: () => true }, signal: second.signal });
    setTimeout(() => second.abort(), 20);
    const result = await graph;
    expect(result.cancelled).toBe(true);
    await delay(30);
    expect(calls).toBe(1);
  });

  test('a timeout error carries its code and the limit', async () => {
    const [outcome] = await pmap([1], (_x, { signal }) => delay(5_000, signal), { timeoutMs: 20 });
    expect(outcome!.ok).toBe(false);
    const error = (outcome as { error: TaskTimeoutError }).error;
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error).toMatchObject({ code: 'TASK_TIMEOUT', timeoutMs: 20, index: 0 });
  });
});
