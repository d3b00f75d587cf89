import { describe, expect, test } from '@jest/globals';
import type { TaskContext } from './index.js';
import { parseResetMs, pmap, RateLimiter, runGraph } from './index.js';
import { delay } from './test-helpers/tasks.js';

/** Most starts seen in any window of `windowMs` (sliding over every start time). */
function mostInWindow(starts: number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= windowMs) from++;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

describe('rate limits', () => {
  test('requestsPerMinute holds over every window after the burst', async () => {
    const starts: number[] = [];
    const began = performance.now();
    await pmap(Array.from({ length: 30 }, (_, i) => i), async () => void starts.push(performance.now()), {
      concurrency: 50,
      rateLimit: new RateLimiter({ requestsPerMinute: 1_200, burst: 5 }),
    });
    // 20 per second after a burst of 5: any 500 ms holds at most 5 + 10 (+1 for the boundary).
    expect(mostInWindow(starts, 500)).toBeLessThanOrEqual(16);
    // and 25 more starts after the burst take at least 1.25 s.
    expect(performance.now() - began).toBeGreaterThanOrEqual(1_200);
  });

  test('the default burst is one second’s worth', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 600 });
    const starts: number[] = [];
    await pmap(Array.from({ length: 15 }, (_, i) => i), async () => void starts.push(performance.now()), { rateLimit: limiter });
    // 10 at once, then one per 100 ms.
    expect(mostInWindow(starts, 50)).toBeLessThanOrEqual(11);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(450);
  });

  test('tokensPerMinute charges each item its estimated tokens', async () => {
    const starts: number[] = [];
    const began = performance.now();
    await pmap([100, 100, 100, 100], async () => void starts.push(performance.now() - began), {
      rateLimit: { tokensPerMinute: 60_000, burstTokens: 200, tokens: (item) => item as number },
    });
    // 1000 tokens/s: two items at once, then one per 100 ms.
    expect(starts[2]!).toBeGreaterThanOrEqual(90);
    expect(starts[3]!).toBeGreaterThanOrEqual(190);
  });

  test('one limiter shared by two runs holds the combined rate', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1_200, burst: 4 });
    const starts: number[] = [];
    const task = async () => void starts.push(performance.now());
    await Promise.all([
      pmap(Array.from({ length: 12 }, (_, i) => i), task, { rateLimit: limiter }),
      runGraph(Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, run: task })), { rateLimit: limiter }),
    ]);
    expect(starts).toHaveLength(24);
    expect(mostInWindow(starts, 500)).toBeLessThanOrEqual(4 + 10 + 1);
  });

  test('observe() applies server hints: nothing left means wait for the reset', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 6_000 });
    limiter.observe(new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '150ms' }));
    const began = performance.now();
    await limiter.acquire();
    expect(performance.now() - began).toBeGreaterThanOrEqual(140);
  });

  test('a 429 with retry-after pauses the shared limiter for every run using it', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 60_000 });
    let first = true;
    const began = performance.now();
    await pmap([1], async () => {
      if (first) {
        first = false;
        throw Object.assign(new Error('slow down'), { status: 429, headers: { 'retry-after-ms': '120' } });
      }
    }, { rateLimit: limiter, retry: { retries: 1, minDelayMs: 1 } });
    await limiter.acquire();
    expect(performance.now() - began).toBeGreaterThanOrEqual(115);
  });

  test('a waiter leaves the queue when its signal aborts', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(1, controller.signal);
    expect(limiter.pending).toBe(1);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(limiter.pending).toBe(0);
  });

  test('validates its options', () => {
    expect(() => new RateLimiter('fast' as never)).toThrow(
      'Expected `rateLimit` to be rate limit options or a rate limiter, got `fast` (string)',
    );
    expect(() => new RateLimiter({ requestsPerMinute: 0 })).toThrow(
      'Expected `rateLimit.requestsPerMinute` to be a positive finite number, got `0` (number)',
    );
  });

  test('parseResetMs reads OpenAI-style durations', () => {
    expect(parseResetMs('1s')).toBe(1_000);
    expect(parseResetMs('6m0s')).toBe(360_000);
    expect(parseResetMs('20ms')).toBe(20);
    expect(parseResetMs('1h2m3.5s')).toBe(3_723_500);
    expect(parseResetMs('2')).toBe(2_000);
    expect(parseResetMs('soon')).toBeUndefined();
    expect(parseResetMs(undefined)).toBeUndefined();
  });

  test('a rate-limited run still finishes when tasks are quick (no lost wake-ups)', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 30_000, burst: 1 });
    const results = await pmap(Array.from({ length: 50 }, (_, i) => i), async (x) => {
      await delay(1);
      return x;
    }, { rateLimit: limiter, concurrency: 4, failFast: true });
    expect(results).toHaveLength(50);
  });

  test('a waiter that leaves the queue leaves no timer behind', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1 });
    await limiter.acquire();
    const before = timers();
    const controller = new AbortController();
    const waiting = limiter.acquire(1, controller.signal);
    expect(timers()).toBe(before + 1);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(timers()).toBe(before);
  });
});

describe('a RateLimiter without rates follows the server alone', () => {
  test('it paces nothing by itself', async () => {
    const limiter = new RateLimiter();
    const began = performance.now();
    await Promise.all(Array.from({ length: 1_000 }, () => limiter.acquire()));
    expect(limiter.pending).toBe(0);
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(() => new RateLimiter({})).not.toThrow();
  });

  test('remaining 0 with a reset pauses until the reset; a count above 0 or no reset does not', async () => {
    const limiter = new RateLimiter();
    limiter.observe({ 'x-ratelimit-remaining-requests': '5', 'x-ratelimit-reset-requests': '10s' });
    limiter.observe({ 'x-ratelimit-remaining-requests': '0' });
    let began = performance.now();
    await limiter.acquire();
    expect(performance.now() - began).toBeLessThan(1_000);

    limiter.observe(new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '150ms' }));
    began = performance.now();
    await limiter.acquire();
    expect(performance.now() - began).toBeGreaterThanOrEqual(140);

    limiter.observe({ 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '0.12s' });
    began = performance.now();
    await limiter.acquire();
    expect(performance.now() - began).toBeGreaterThanOrEqual(110);
  });

  test('retry-after(-ms) pauses it', async () => {
    const limiter = new RateLimiter();
    limiter.observe({ 'retry-after-ms': '120' });
    let began = performance.now();
    await limiter.acquire();
    expect(performance.now() - began).toBeGreaterThanOrEqual(115);
    // Not delta-seconds (RFC 9110 allows digits only): ignored, so a start is granted without queueing.
    limiter.observe({ 'retry-after': '0.15' });
    const granted = limiter.acquire();
    expect(limiter.pending).toBe(0);
    await granted;
    limiter.observe({ 'retry-after': '1' });
    began = performance.now();
    await limiter.acquire();
    expect(performance.now() - began).toBeGreaterThanOrEqual(990);
  });

  test('`rateLimit: {}` in a run: a failed attempt’s headers hold back every start until the reset', async () => {
    const starts: { index: number; attempt: number; at: number }[] = [];
    let failedAt = 0;
    const task = async (index: number, { attempt }: TaskContext) => {
      starts.push({ index, attempt, at: performance.now() });
      if (index === 0 && attempt === 1) {
        failedAt = performance.now();
        throw Object.assign(new Error('limited'), {
          status: 429,
          headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '200ms' },
        });
      }
      await delay(1);
      return index;
    };
    const results = await pmap(Array.from({ length: 6 }, (_, i) => i), task, {
      concurrency: 1,
      rateLimit: {},
      retry: { retries: 1, minDelayMs: 1 },
      failFast: true,
    });
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    const later = starts.filter((s) => s.at > failedAt);
    expect(later).toHaveLength(6);
    expect(Math.min(...later.map((s) => s.at - failedAt))).toBeGreaterThanOrEqual(190);
  });
});
