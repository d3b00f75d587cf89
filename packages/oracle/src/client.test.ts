import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { createClient } from './client.js';
import { type ApiError, AuthError, ConnectionError, ModelNotFoundError, RateLimitError } from './errors.js';
import { resolveProvider } from './providers.js';
import type { OracleClient, TransportName } from './types.js';
import { waitFor, closedPort } from './test-helpers/net.js';

let sim: SimServer;

beforeAll(async () => {
  sim = await startSim({ streamChunkMs: 1 });
});
afterAll(async () => {
  await sim.close();
});


function clientFor(transport: TransportName, env: Record<string, string> = {}): OracleClient {
  return createClient({ baseURL: sim.baseURL, env, transport, concurrency: 4 });
}


describe.each(['http', 'sdk'] as const)('createClient over %s', (transport) => {
  test('chat: one answer with model, usage and time', async () => {
    const client = clientFor(transport);
    try {
      const result = await client.chat({ messages: [{ role: 'user', content: 'hello' }], model: 'sim-1-mini', json: true, seed: 1 });
      expect(typeof result.content).toBe('string');
      expect(() => JSON.parse(result.content)).not.toThrow();
      expect(result.model).toBe('sim-1-mini');
      expect(result.usage.prompt_tokens).toBeGreaterThan(0);
      expect(result.usage.completion_tokens).toBeGreaterThan(0);
      expect(result.ms).toBeGreaterThan(0);
      expect(client.model).toBe('gpt-4o-mini');
      expect(await client.models()).toEqual(['sim-1', 'sim-1-mini']);
    } finally {
      await client.close();
    }
  });

  test('stream: deltas add up to the answer; result() has usage', async () => {
    const client = clientFor(transport);
    try {
      const request = { messages: [{ role: 'user' as const, content: 'tell me something' }], model: 'sim-1' };
      const whole = await client.chat(request);
      const stream = await client.stream(request);
      const deltas: string[] = [];
      for await (const delta of stream) deltas.push(delta);
      const result = await stream.result();
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join('')).toBe(whole.content);
      expect(result.content).toBe(whole.content);
      expect(result.usage.completion_tokens).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  test('unknown model: lists what /models offers', async () => {
    const client = clientFor(transport);
    try {
      const error = await client.chat({ messages: [{ role: 'user', content: 'x' }], model: 'gpt-nope' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelNotFoundError);
      expect((error as Error).message).toMatch(/unknown model "gpt-nope" at openai .*available: sim-1, sim-1-mini/);
      expect((error as ModelNotFoundError).available).toEqual(['sim-1', 'sim-1-mini']);
    } finally {
      await client.close();
    }
  });

  test('429 carries status, retry-after headers and retryAfterMs', async () => {
    sim.setOptions({ rules: [{ match: { user: 'limited' }, status: 429, headers: { 'retry-after-ms': '1234', 'x-ratelimit-remaining-requests': '0' } }] });
    const client = clientFor(transport);
    try {
      const error = await client.chat({ messages: [{ role: 'user', content: 'limited' }], model: 'sim-1' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterMs: 1234, provider: 'openai' });
      expect((error as ApiError).headers).toMatchObject({ 'retry-after-ms': '1234', 'x-ratelimit-remaining-requests': '0' });
    } finally {
      sim.setOptions({ rules: [] });
      await client.close();
    }
  });

  test('rate-limit headers of a success are kept on the result', async () => {
    sim.setOptions({ rpm: 10_000 });
    const client = clientFor(transport);
    try {
      const result = await client.chat({ messages: [{ role: 'user', content: 'x' }], model: 'sim-1' });
      expect(result.headers).toMatchObject({ 'x-ratelimit-limit-requests': '10000', 'x-ratelimit-remaining-requests': expect.any(String) });
    } finally {
      sim.setOptions({ rpm: 0 });
      await client.close();
    }
  });

  test('aborting a stream part-way closes it at the server', async () => {
    sim.setOptions({ streamChunkMs: 200, rules: [{ reply: 'a b c d e f g h i j k l' }] });
    sim.resetStats();
    const client = clientFor(transport);
    try {
      const controller = new AbortController();
      const stream = await client.stream({ messages: [{ role: 'user', content: 'x' }], model: 'sim-1' }, { signal: controller.signal });
      const seen: string[] = [];
      const error = await (async () => {
        for await (const delta of stream) {
          seen.push(delta);
          if (seen.length === 2) controller.abort(new Error('enough'));
        }
      })().catch((e: unknown) => e);
      expect(error).toEqual(new Error('enough'));
      expect(seen).toHaveLength(2);
      await expect(stream.result()).rejects.toEqual(new Error('enough'));
      await waitFor(() => sim.stats().aborted === 1 && sim.stats().inFlight === 0);
    } finally {
      sim.setOptions({ streamChunkMs: 1, rules: [] });
      await client.close();
    }
  });

  test('connection refused names the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const client = createClient({ baseURL: url, env: {}, transport });
    try {
      const error = await client.chat({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toBe(`cannot connect to ${url} (ECONNREFUSED)`);
    } finally {
      await client.close();
    }
  });

  test('aborting closes the request at the server', async () => {
    sim.setOptions({ latencyMs: 5_000 });
    sim.resetStats();
    const client = clientFor(transport);
    try {
      const controller = new AbortController();
      const pending = client.chat({ messages: [{ role: 'user', content: 'slow' }], model: 'sim-1' }, { signal: controller.signal }).catch((e: unknown) => e);
      await waitFor(() => sim.stats().inFlight === 1);
      controller.abort(new Error('stop'));
      expect(await pending).toEqual(new Error('stop'));
      await waitFor(() => sim.stats().aborted === 1 && sim.stats().inFlight === 0);
    } finally {
      sim.setOptions({ latencyMs: 0 });
      await client.close();
    }
  });
});

describe('keys', () => {
  test('401 names provider and variable and never contains the key', async () => {
    const locked = await startSim({ apiKey: 'sk-right-key' });
    try {
      for (const transport of ['http', 'sdk'] as const) {
        const client = createClient({ baseURL: locked.baseURL, env: { OPENAI_API_KEY: 'sk-test-SECRET123' }, transport });
        const error = await client.chat({ messages: [{ role: 'user', content: 'x' }], model: 'sim-1' }).catch((e: unknown) => e);
        await client.close();
        expect(error).toBeInstanceOf(AuthError);
        expect((error as Error).message).toMatch(new RegExp(`^openai \\(${locked.baseURL}\\) rejected the API key read from OPENAI_API_KEY \\(401\\)`));
        expect(JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack })).not.toContain('SECRET123');
      }
      const good = createClient({ baseURL: locked.baseURL, env: { OPENAI_API_KEY: 'sk-right-key' } });
      await expect(good.chat({ messages: [{ role: 'user', content: 'x' }], model: 'sim-1' })).resolves.toHaveProperty('content');
      await good.close();
    } finally {
      await locked.close();
    }
  });
});

describe('provider sim', () => {
  test('starts llm-sim in-process on first use and closes it with the client', async () => {
    const client = createClient({ resolved: resolveProvider({ provider: 'sim', env: {} }), sim: { models: ['sim-1', 'other'] } });
    expect(client.provider.baseURL).toBeUndefined();
    const result = await client.chat({ messages: [{ role: 'user', content: 'hi' }] });
    expect(result.model).toBe('sim-1');
    expect(client.provider.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(await client.models()).toEqual(['sim-1', 'other']);
    const url = await client.baseURL();
    await client.close();
    const after = createClient({ baseURL: url, env: {} });
    await expect(after.chat({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(ConnectionError);
    await after.close();
  });
});
