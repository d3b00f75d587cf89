import { describe, expect, test } from '@jest/globals';
import { startSim } from '../server.js';
import { chatBody, post } from '../test-helpers/http.js';

async function answer(response: Response): Promise<{ status: number; json: any; headers: Headers }> {
  return { status: response.status, json: await response.json(), headers: response.headers };
}

describe('OpenAI flex processing (service_tier: "flex")', () => {
  test('some flex requests get 429 Resource Unavailable (no rate-limit headers); others are answered with the tier echoed', async () => {
    const sim = await startSim({ flexUnavailableRate: 0.5, rpm: 100_000 });
    try {
      const flex = await Promise.all(Array.from({ length: 40 }, (_, i) => post(sim, chatBody(`q ${i}`, { service_tier: 'flex' })).then(answer)));
      const refused = flex.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThan(5);
      expect(refused.length).toBeLessThan(35);
      for (const r of refused) {
        expect(r.json.error).toMatchObject({ code: 'resource_unavailable', message: expect.stringMatching(/^Resource Unavailable/) });
        expect(r.headers.get('x-ratelimit-remaining-requests')).toBeNull();
        expect(r.headers.get('retry-after')).toBeNull();
      }
      const ok = flex.filter((r) => r.status === 200);
      expect(ok.every((r) => r.json.service_tier === 'flex')).toBe(true);
      // Default-tier requests are never turned away, and carry no tier they did not ask for.
      const plain = await Promise.all(Array.from({ length: 20 }, (_, i) => post(sim, chatBody(`q ${i}`)).then(answer)));
      expect(plain.every((r) => r.status === 200 && r.json.service_tier === undefined)).toBe(true);
      expect(sim.stats().statuses['429']).toBe(refused.length);
    } finally {
      await sim.close();
    }
  });

  test('a turned-away flex request spends nothing of the rate limit', async () => {
    const sim = await startSim({ flexUnavailableRate: 0.5, rpm: 10 });
    try {
      const codes: string[] = [];
      for (let i = 0; i < 40 && codes.filter((c) => c === 'ok').length < 10; i++) {
        const r = await answer(await post(sim, chatBody(`q ${i}`, { service_tier: 'flex' })));
        codes.push(r.status === 200 ? 'ok' : r.json.error.code);
      }
      expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
      expect(codes).toContain('resource_unavailable');
      expect(codes).not.toContain('rate_limit_exceeded');
    } finally {
      await sim.close();
    }
  });

  test('flex answers wait flexLatencyFactor × the latency', async () => {
    const sim = await startSim({ latencyMs: 100, flexLatencyFactor: 3, flexUnavailableRate: 0 });
    try {
      const started = performance.now();
      const r = await post(sim, chatBody('q', { service_tier: 'flex' }));
      expect(r.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      expect(() => sim.setOptions({ flexLatencyFactor: 0.5 })).toThrow('flexLatencyFactor');
      expect(() => sim.setOptions({ flexUnavailableRate: 2 })).toThrow('flexUnavailableRate');
    } finally {
      await sim.close();
    }
  });
});
