import { describe, expect, test } from '@jest/globals';
import { AdaptiveLimit, pmap, pstream } from './index.js';
import { delay, gauge, httpError, randomMs } from './test-helpers/tasks.js';

describe('AdaptiveLimit', () => {
  test('halves on an overload, adds one per `increaseAfter` successes, stays within [min, max]', () => {
    const changes: number[] = [];
    const limit = new AdaptiveLimit({ max: 16, min: 3, increaseAfter: 2, onChange: (n) => changes.push(n) });
    expect(limit.current).toBe(16);
    expect(limit.failure(httpError(400))).toBe(false);
    expect(limit.failure(httpError(429))).toBe(true);
    expect(limit.current).toBe(8);
    limit.success();
    limit.success();
    expect(limit.current).toBe(9);
    limit.decrease();
    limit.decrease();
    limit.decrease();
    expect(limit.current).toBe(3);
    for (let i = 0; i < 100; i++) limit.success();
    expect(limit.current).toBe(16);
    expect(changes).toEqual([8, 9, 4, 3, ...Array.from({ length: 13 }, (_, i) => 4 + i)]);
  });

  test('a wave of 429s from attempts started before a cut cuts only once', () => {
    const limit = new AdaptiveLimit({ max: 32 });
    const generation = limit.generation;
    for (let i = 0; i < 10; i++) limit.failure(httpError(429), generation);
    expect(limit.current).toBe(16);
    limit.failure(httpError(429));
    expect(limit.current).toBe(8);
  });

  test('503 with retry-after counts as overload, a plain 503 does not', () => {
    const limit = new AdaptiveLimit({ max: 8 });
    limit.failure(httpError(503));
    expect(limit.current).toBe(8);
    limit.failure(httpError(503, { 'retry-after': '1' }));
    expect(limit.current).toBe(4);
  });

  test('pmap halves its limit on 429s, never starts a task above the current limit, and grows back', async () => {
    const limit = new AdaptiveLimit({ max: 16, increaseAfter: 2 });
    const history: number[] = [];
    const g = gauge();
    let attempts = 0;
    let violations = 0;
    const settled = await pmap(
      Array.from({ length: 300 }, (_, i) => i),
      async (_x, { attempt }) => {
        if (attempt === 1) {
          g.enter();
          if (g.running > limit.current) violations++;
        }
        history.push(limit.current);
        await delay(randomMs(3));
        // The server is overloaded for the first 40 attempts.
        if (++attempts <= 40) throw httpError(429, { 'retry-after-ms': '1' });
        g.leave();
      },
      { adaptive: limit, concurrency: 16, retry: { retries: 10, minDelayMs: 1 } },
    );
    expect(settled.every((r) => r.ok)).toBe(true);
    expect(violations).toBe(0);
    expect(Math.min(...history)).toBeLessThanOrEqual(8);
    expect(limit.current).toBe(16);
    expect(g.max).toBeLessThanOrEqual(16);
  });

  test('pstream follows the limit too, and `adaptive: true` starts at the concurrency', async () => {
    const changes: number[] = [];
    let calls = 0;
    for await (const _ of pstream(Array.from({ length: 60 }, (_, i) => i), async () => {
      await delay(1);
      if (++calls === 1) throw httpError(429);
    }, { concurrency: 8, adaptive: { increaseAfter: 5, onChange: (n) => changes.push(n) } })) {
      // drain
    }
    expect(changes[0]).toBe(4);
    expect(changes.at(-1)).toBe(8);
  });

  test('validates its options', () => {
    expect(() => new AdaptiveLimit({ min: 0 })).toThrow('Expected `adaptive.min` to be an integer from 1 and up, got `0` (number)');
    expect(() => new AdaptiveLimit({ min: 5, max: 2 })).toThrow(TypeError);
    expect(() => new AdaptiveLimit({ decrease: 1 })).toThrow('`adaptive.decrease`');
  });
});
