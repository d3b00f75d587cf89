import { describe, expect, test } from '@jest/globals';
import { startSim } from './server.js';
import { chatBody, getJson, post, waitFor } from './test-helpers/http.js';
import type { SimStats } from './types.js';

const NOTHING_BILLED = { prompt_tokens: 0, cached_tokens: 0, completion_tokens: 0, cost_usd: 0 };

describe('stats', () => {
  test('a request aborted mid-latency counts as aborted and leaves nothing in flight', async () => {
    const sim = await startSim({ latencyMs: 5_000 });
    try {
      const controller = new AbortController();
      const pending = post(sim, chatBody('slow'), {}, controller.signal).catch((e: unknown) => e);
      await waitFor(() => sim.stats().inFlight === 1);
      controller.abort();
      expect(((await pending) as { name?: string }).name).toBe('AbortError');
      await waitFor(() => sim.stats().aborted === 1);
      const stats = await getJson<SimStats>(`${sim.url}/stats`);
      expect(stats).toEqual({ requests: 1, completed: 0, inFlight: 0, peakInFlight: 1, aborted: 1, statuses: {}, usage: NOTHING_BILLED });
    } finally {
      const start = performance.now();
      await sim.close();
      // The cancelled 5 s latency timer must not hold close() open.
      expect(performance.now() - start).toBeLessThan(2_000);
    }
  });

  test('peakInFlight equals the number of concurrent requests; reset zeroes the counters', async () => {
    // Long enough that all n requests arrive before the first answer, even on a loaded machine.
    const sim = await startSim({ latencyMs: 1_500 });
    try {
      const n = 25;
      const responses = await Promise.all(Array.from({ length: n }, (_, i) => post(sim, chatBody(`q${i}`))));
      expect(responses.every((r) => r.status === 200)).toBe(true);
      await Promise.all(responses.map((r) => r.arrayBuffer()));
      await waitFor(() => sim.stats().completed === n);
      expect(sim.stats()).toMatchObject({ requests: n, completed: n, inFlight: 0, peakInFlight: n, aborted: 0, statuses: { '200': n } });
      expect(sim.stats().usage.prompt_tokens).toBe(n); // "q0"…"q24": one token each
      const reset = await fetch(`${sim.url}/stats/reset`, { method: 'POST' });
      expect(await reset.json()).toEqual({ requests: 0, completed: 0, inFlight: 0, peakInFlight: 0, aborted: 0, statuses: {}, usage: NOTHING_BILLED });
      sim.setOptions({ latencyMs: 0 });
      await (await post(sim, chatBody('again'))).arrayBuffer();
      await waitFor(() => sim.stats().completed === 1);
      sim.resetStats();
      expect(sim.stats().requests).toBe(0);
    } finally {
      await sim.close();
    }
  });
});
