import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { getEventListeners } from 'node:events';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { waitFor } from '../test-helpers/net.js';
import { unwatchAbort, watchAbort } from './abort-registry.js';
import { bufferedRequest } from './buffered-request.js';
import { createAgent, loadUndiciCore } from './undici-core.js';
import type { Agent } from 'undici';

let sim: SimServer;
let agent: Agent;
let origin: string;

beforeAll(async () => {
  sim = await startSim();
  origin = new URL(sim.baseURL).origin;
  agent = createAgent((await loadUndiciCore()).Agent, 16);
});
afterAll(async () => {
  await agent.close();
  await sim.close();
});

const post = (content: string, signal?: AbortSignal) =>
  bufferedRequest(
    agent,
    {
      origin,
      path: '/v1/chat/completions',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim-1', messages: [{ role: 'user', content }] }),
    },
    signal,
  );

describe('bufferedRequest', () => {
  test('a long answer arrives whole, multi-byte characters intact across chunks', async () => {
    const reply = 'héllo wörld — ✓ 🚀 '.repeat(20_000); // ~500 KB: many socket reads
    sim.setOptions({ rules: [{ match: { user: 'long' }, reply }] });
    try {
      const response = await post('long');
      expect(response.statusCode).toBe(200);
      const content = (JSON.parse(response.text) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
      // The index of the first character that differs (-1: none), not a 500 KB diff on failure.
      let differsAt = -1;
      for (let i = 0; i < reply.length && differsAt === -1; i++) if (content[i] !== reply[i]) differsAt = i;
      expect({ length: content.length, differsAt }).toEqual({ length: reply.length, differsAt: -1 });
    } finally {
      sim.setOptions({ rules: [] });
    }
  });

  test('an error status resolves with its body and rate-limit headers', async () => {
    sim.setOptions({ rules: [{ match: { user: 'busy' }, status: 429, headers: { 'retry-after': '3', 'x-ratelimit-remaining-tokens': '0' } }] });
    try {
      const response = await post('busy');
      expect(response.statusCode).toBe(429);
      expect(response.headers).toEqual({ 'retry-after': '3', 'x-ratelimit-remaining-tokens': '0' });
      expect(JSON.parse(response.text)).toHaveProperty('error');
    } finally {
      sim.setOptions({ rules: [] });
    }
  });

  test('one signal shared by many calls has one listener; aborting it closes every call at the server', async () => {
    sim.setOptions({ latencyMs: 5_000 });
    sim.resetStats();
    try {
      const controller = new AbortController();
      const calls = Array.from({ length: 12 }, (_, i) => post(`slow ${i}`, controller.signal).catch((e: unknown) => e));
      await waitFor(() => sim.stats().inFlight === 12);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      const reason = new Error('stop');
      controller.abort(reason);
      expect(await Promise.all(calls)).toEqual(Array(12).fill(reason));
      await waitFor(() => sim.stats().aborted === 12 && sim.stats().inFlight === 0);
    } finally {
      sim.setOptions({ latencyMs: 0 });
    }
  });

  test('an already-aborted signal rejects without sending', async () => {
    sim.resetStats();
    const reason = new Error('too late');
    await expect(post('x', AbortSignal.abort(reason))).rejects.toBe(reason);
    const response = await post('after');
    expect(response.statusCode).toBe(200);
    expect(sim.stats().requests).toBe(1);
  });
});

describe('watchAbort', () => {
  test('calls that ended are not aborted; those in flight are, once', () => {
    const controller = new AbortController();
    const aborted: string[] = [];
    const call = (name: string) => ({ abort: (reason: unknown) => aborted.push(`${name}:${String(reason)}`) });
    const done = call('done');
    const running = call('running');
    watchAbort(controller.signal, done);
    watchAbort(controller.signal, running);
    unwatchAbort(controller.signal, done);
    controller.abort('why');
    controller.abort('again');
    expect(aborted).toEqual(['running:why']);
    watchAbort(controller.signal, call('late'));
    expect(aborted).toEqual(['running:why', 'late:why']);
  });
});
