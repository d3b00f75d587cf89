import { describe, expect, test } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration } from './limits/duration.js';
import { startSim } from './server.js';
import { chatBody, post } from './test-helpers/http.js';

const DURATION = /^(\d+h)?(\d+m)?(\d+(\.\d+)?s|\d+ms)$/;

describe('formatDuration (OpenAI reset headers)', () => {
  test.each([
    [0, '0s'],
    [0.2, '1ms'],
    [250, '250ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [60_000, '1m0s'],
    [360_000, '6m0s'],
    [3_723_500, '1h2m3.5s'],
  ])('%p ms → %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('rpm', () => {
  test('429 with retry-after-ms, retry-after and x-ratelimit-* headers; a retry after retry-after-ms succeeds', async () => {
    const sim = await startSim({ rpm: 600 });
    try {
      const ok = await post(sim, chatBody('first'));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-limit-requests')).toBe('600');
      expect(Number(ok.headers.get('x-ratelimit-remaining-requests'))).toBe(599);
      expect(ok.headers.get('x-ratelimit-reset-requests')).toMatch(DURATION);
      let limited: Response | undefined;
      for (let i = 0; i < 2000 && !limited; i++) {
        const response = await post(sim, chatBody(`q${i}`));
        if (response.status === 429) limited = response;
        else await response.arrayBuffer();
      }
      expect(limited).toBeDefined();
      const headers = limited!.headers;
      const waitMs = Number(headers.get('retry-after-ms'));
      expect(Number.isInteger(waitMs)).toBe(true);
      expect(waitMs).toBeGreaterThan(0);
      expect(waitMs).toBeLessThanOrEqual(100); // one request's worth at 10 per second
      expect(headers.get('retry-after')).toBe(String(Math.ceil(waitMs / 1000)));
      expect(headers.get('x-ratelimit-limit-requests')).toBe('600');
      expect(headers.get('x-ratelimit-remaining-requests')).toBe('0');
      expect(headers.get('x-ratelimit-reset-requests')).toMatch(DURATION);
      const body = (await limited!.json()) as Record<string, any>;
      expect(body.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
      await sleep(waitMs);
      expect((await post(sim, chatBody('after the wait'))).status).toBe(200);
      expect(sim.stats().statuses['429']).toBe(1);
    } finally {
      await sim.close();
    }
  });

  test('a slow limit tells a long wait in seconds too', async () => {
    const sim = await startSim({ rpm: 2 });
    try {
      await (await post(sim, chatBody('a'))).arrayBuffer();
      await (await post(sim, chatBody('b'))).arrayBuffer();
      const limited = await post(sim, chatBody('c'));
      expect(limited.status).toBe(429);
      const waitMs = Number(limited.headers.get('retry-after-ms'));
      expect(waitMs).toBeGreaterThan(29_000);
      expect(waitMs).toBeLessThanOrEqual(30_000);
      expect(limited.headers.get('retry-after')).toBe('30');
      expect(limited.headers.get('x-ratelimit-reset-requests')).toMatch(/^(59|1m0)(\.\d+)?s$/);
    } finally {
      await sim.close();
    }
  });
});

describe('tpm', () => {
  test('counts prompt + completion tokens and answers 429 of type tokens', async () => {
    const sim = await startSim({ tpm: 100, rules: [{ reply: 'x'.repeat(200) }] });
    try {
      const first = await post(sim, chatBody('y'.repeat(40)));
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ratelimit-limit-tokens')).toBe('100');
      expect(first.headers.get('x-ratelimit-remaining-tokens')).toBe('40');
      expect(first.headers.get('x-ratelimit-limit-requests')).toBeNull();
      const second = await post(sim, chatBody('y'.repeat(40)));
      expect(second.status).toBe(429);
      expect(second.headers.get('x-ratelimit-reset-tokens')).toMatch(DURATION);
      expect(Number(second.headers.get('retry-after-ms'))).toBeGreaterThan(0);
      expect(((await second.json()) as Record<string, any>).error.type).toBe('tokens');
    } finally {
      await sim.close();
    }
  });
});
