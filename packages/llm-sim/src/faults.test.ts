import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from '@jest/globals';
import { streamFor } from './hash.js';
import { latencySampler } from './latency.js';
import { startSim } from './server.js';
import { chatBody, getJson, post } from './test-helpers/http.js';

async function statuses(url: Parameters<typeof post>[0], count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await post(url, chatBody(`question ${i}`));
    await response.arrayBuffer();
    out.push(response.status);
  }
  return out;
}

describe('errorRate', () => {
  test('answers about that fraction with 500, the same sequence for the same seed', async () => {
    const a = await startSim({ errorRate: 0.3, seed: 7 });
    const b = await startSim({ errorRate: 0.3, seed: 7 });
    try {
      const first = await statuses(a, 400);
      const failures = first.filter((s) => s === 500).length;
      expect(failures).toBeGreaterThan(80);
      expect(failures).toBeLessThan(160);
      expect(first.every((s) => s === 200 || s === 500)).toBe(true);
      expect(await statuses(b, 400)).toEqual(first);
      expect(a.stats().statuses).toEqual({ '200': 400 - failures, '500': failures });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('errorRate 1 fails everything; setOptions turns it off', async () => {
    const sim = await startSim({ errorRate: 1 });
    try {
      expect(await statuses(sim, 5)).toEqual([500, 500, 500, 500, 500]);
      const response = await post(sim, chatBody('x'));
      expect(response.status).toBe(500);
      expect(((await response.json()) as Record<string, any>).error).toMatchObject({ type: 'server_error', code: null });
      sim.setOptions({ errorRate: 0 });
      expect(await statuses(sim, 3)).toEqual([200, 200, 200]);
    } finally {
      await sim.close();
    }
  });
});

describe('latency', () => {
  test('samplers: fixed, uniform within bounds, normal clamped at 0, deterministic per seed', () => {
    expect(latencySampler(120, Math.random)()).toBe(120);
    const uniform = latencySampler({ min: 50, max: 150 }, streamFor(1, 'latency'));
    const values = Array.from({ length: 2000 }, uniform);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...values)).toBeLessThanOrEqual(150);
    expect(Math.abs(values.reduce((s, v) => s + v, 0) / values.length - 100)).toBeLessThan(5);
    const again = latencySampler({ min: 50, max: 150 }, streamFor(1, 'latency'));
    expect(Array.from({ length: 2000 }, again)).toEqual(values);
    const normal = Array.from({ length: 4000 }, latencySampler({ mean: 100, sd: 20 }, streamFor(2, 'latency')));
    const mean = normal.reduce((s, v) => s + v, 0) / normal.length;
    expect(Math.abs(mean - 100)).toBeLessThan(3);
    const sd = Math.sqrt(normal.reduce((s, v) => s + (v - mean) ** 2, 0) / normal.length);
    expect(Math.abs(sd - 20)).toBeLessThan(3);
    const clamped = Array.from({ length: 1000 }, latencySampler({ mean: 5, sd: 50 }, streamFor(3, 'latency')));
    expect(Math.min(...clamped)).toBe(0);
  });

  test('the server waits the latency (a rule may override it)', async () => {
    const sim = await startSim({ latencyMs: 150, rules: [{ match: { user: 'fast' }, latencyMs: 0 }] });
    try {
      const start = performance.now();
      expect((await post(sim, chatBody('slow'))).status).toBe(200);
      expect(performance.now() - start).toBeGreaterThanOrEqual(140);
      // Generous bound: only shows that a 5 s server latency was not applied to the rule's requests.
      sim.setOptions({ latencyMs: 5_000 });
      const fastStart = performance.now();
      await (await post(sim, chatBody('fast'))).arrayBuffer();
      expect(performance.now() - fastStart).toBeLessThan(2_500);
    } finally {
      await sim.close();
    }
  });

  test("the latency counts from the request's arrival: time the simulator spends before answering is inside it", async () => {
    // The body arrives 600 ms after the headers: a latency timed from the end of the body would
    // answer 1000 ms after it, one timed from the arrival about 400 ms after it.
    const sim = await startSim({ latencyMs: 1_000 });
    try {
      const start = performance.now();
      let bodyEnd = 0;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${sim.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume().once('end', () => resolve(res.statusCode ?? 0));
        });
        req.once('error', reject);
        req.flushHeaders();
        void sleep(600).then(() => {
          bodyEnd = performance.now();
          req.end(JSON.stringify(chatBody('slow upload')));
        });
      });
      const answered = performance.now();
      expect(status).toBe(200);
      expect(answered - start).toBeGreaterThanOrEqual(990);
      expect(answered - bodyEnd).toBeLessThan(900);
    } finally {
      await sim.close();
    }
  });

  test('invalid options are one clear error naming the option, value and type', async () => {
    await expect(startSim({ errorRate: 2 })).rejects.toThrow('Expected `errorRate` to be a number from 0 to 1, got `2` (number)');
    await expect(startSim({ latencyMs: { min: 5, max: 1 } })).rejects.toThrow(/`latencyMs` to be \{ min, max \}/);
    await expect(startSim({ host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/loopback only/);
    await expect(startSim({ latncyMs: 3 } as object)).rejects.toThrow('Unknown option `latncyMs`');
    const taken = await startSim();
    try {
      await expect(startSim({ port: taken.port })).rejects.toMatchObject({ code: 'LISTEN_FAILED', message: expect.stringContaining('EADDRINUSE') });
      expect(() => taken.setOptions({ port: 1 })).toThrow(/cannot change while the server runs/);
    } finally {
      await taken.close();
    }
  });
});

describe('apiKey', () => {
  test('a missing or wrong bearer gets 401 in OpenAI shape, never echoing keys', async () => {
    const sim = await startSim({ apiKey: 'sk-secret-123' });
    try {
      const missing = await post(sim, chatBody('x'));
      expect(missing.status).toBe(401);
      expect(((await missing.json()) as Record<string, any>).error.type).toBe('invalid_request_error');
      const wrong = await post(sim, chatBody('x'), { authorization: 'Bearer sk-wrong-999' });
      expect(wrong.status).toBe(401);
      const text = await wrong.text();
      expect(JSON.parse(text).error.code).toBe('invalid_api_key');
      expect(text).not.toContain('sk-wrong-999');
      expect(text).not.toContain('sk-secret-123');
      expect((await post(sim, chatBody('x'), { authorization: 'Bearer sk-secret-123' })).status).toBe(200);
      expect((await fetch(`${sim.baseURL}/models`)).status).toBe(401);
      expect(await getJson(`${sim.url}/stats`)).toMatchObject({ requests: 3, statuses: { '200': 1, '401': 2 } });
    } finally {
      await sim.close();
    }
  });
});
