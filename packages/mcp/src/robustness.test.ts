// What a long-lived server owes its client: cancelling a call closes its HTTP requests, calls at the
// same time do not mix, a failing call leaves the next one unharmed, keys never come back, and the
// server goes away with its client.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { eventually, startServer, startSimHarness, textOf, type ServerUnderTest, type SimHarness } from './test-helpers/mcp-server.js';

let harness: SimHarness;
let server: ServerUnderTest;

beforeAll(async () => {
  harness = await startSimHarness({ latencyMs: 50 });
  server = await startServer({ env: { ...harness.env, HOME: harness.dir }, cwd: harness.dir });
});
afterEach(() => {
  harness.sim.setOptions({ rules: [], latencyMs: 50, apiKey: undefined });
  harness.sim.resetStats();
});
afterAll(async () => {
  await server.close();
  await harness.close();
});

const call = (name: string, args: Record<string, unknown>, signal?: AbortSignal) =>
  server.client.callTool({ name, arguments: args }, undefined, signal ? { signal } : {});

describe('cancellation', () => {
  test('cancelling a swarm closes its in-flight HTTP requests at the simulator', async () => {
    harness.sim.setOptions({ latencyMs: 30_000 });
    const controller = new AbortController();
    const pending = call('swarm', { prompt: 'slow', n: 100, concurrency: 10, out: 'cancelled.jsonl' }, controller.signal);
    pending.catch(() => undefined);
    expect((await eventually(() => harness.sim.stats().inFlight, (n) => n === 10)) as number).toBe(10);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(await eventually(() => harness.sim.stats().inFlight, (n) => n === 0)).toBe(0);
    expect(harness.sim.stats()).toMatchObject({ requests: 10, aborted: 10, completed: 0 });
  });

  test('cancelling a council mid-round closes its requests, and the server answers the next call', async () => {
    harness.sim.setOptions({ latencyMs: 30_000 });
    const controller = new AbortController();
    const pending = call('council', { question: 'slow?', personas: ['judge', 'critic'] }, controller.signal);
    pending.catch(() => undefined);
    await eventually(() => harness.sim.stats().inFlight, (n) => n === 2);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(await eventually(() => harness.sim.stats().inFlight, (n) => n === 0)).toBe(0);
    harness.sim.setOptions({ latencyMs: 0 });
    const next = await call('oracle', { prompt: 'still there?' });
    expect(next.isError).toBeFalsy();
  });
});

describe('concurrent calls', () => {
  test('run side by side and each gets its own answers', async () => {
    const words = ['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA', 'ECHO', 'FOXTROT'];
    harness.sim.setOptions({ rules: words.map((word) => ({ match: { user: word }, reply: `reply to ${word}` })), latencyMs: 300 });
    const results = await Promise.all([
      ...words.map((word) => call('oracle', { prompt: `say ${word}`, personas: ['judge', 'critic'] })),
      call('swarm', { prompt: 'say ALPHA', n: 6, vote: true, extract: 'reply to (\\w+)', out: 'concurrent.jsonl' }),
    ]);
    words.forEach((word, i) => {
      const data = results[i]!.structuredContent as { results: { persona: string; content: string }[] };
      expect(data.results.map((r) => [r.persona, r.content])).toEqual([
        ['judge', `reply to ${word}`],
        ['critic', `reply to ${word}`],
      ]);
    });
    expect(results[6]!.structuredContent).toMatchObject({ n: 6, ok: 6, winner: 'alpha', agreement: 1 });
    // 12 oracle requests and 6 swarm requests at once: the calls really overlapped.
    expect(harness.sim.stats().peakInFlight).toBe(18);
  });
});

describe('failures', () => {
  test('a failing call returns an error result of one line, and the next call works', async () => {
    harness.sim.setOptions({ rules: [{ match: { user: 'BOOM' }, status: 400, reply: 'bad request' }] });
    const failed = await call('oracle', { prompt: 'BOOM' });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toContain('bad request');
    const wrong = await call('council', { question: 'x', rounds: 0 });
    expect(wrong).toMatchObject({ isError: true, content: [{ type: 'text', text: 'invalid arguments: rounds: must be ≥ 1' }] });
    const next = await call('oracle', { prompt: 'fine now' });
    expect(next.isError).toBeFalsy();
    expect(server.transport.pid).toBeGreaterThan(0);
  });

  test('a swarm whose every call fails is an error result that says why, its results file kept', async () => {
    harness.sim.setOptions({ rules: [{ status: 400, reply: 'no such thing' }] });
    const result = await call('swarm', { prompt: 'x', n: 4, out: 'failed.jsonl' });
    expect(result.isError).toBe(true);
    expect(textOf(result).split('\n')[0]).toMatch(/^every call failed, e\.g\. .*no such thing/);
    expect(result.structuredContent).toMatchObject({ n: 4, ok: 0, failed: 4, error: expect.stringContaining('no such thing') });
  });

  test('an error in the middle of concurrent calls touches only its own call', async () => {
    harness.sim.setOptions({ rules: [{ match: { user: 'BOOM' }, status: 400, reply: 'bad request' }], latencyMs: 200 });
    const [good, bad, alsoGood] = await Promise.all([
      call('oracle', { prompt: 'one' }),
      call('oracle', { prompt: 'BOOM' }),
      call('swarm', { prompt: 'two', n: 3, out: 'two.jsonl' }),
    ]);
    expect([good!.isError ?? false, bad!.isError, alsoGood!.isError ?? false]).toEqual([false, true, false]);
  });
});

describe('keys', () => {
  test('come only from the environment and never appear in results, even when a server echoes them', async () => {
    const key = 'sk-test-DO-NOT-LEAK-1234567890';
    const keyed = await startServer({ env: { ...harness.env, HOME: harness.dir, OPENAI_API_KEY: key }, cwd: harness.dir });
    try {
      harness.sim.setOptions({ apiKey: key, rules: [{ reply: `your key is ${key}` }] });
      const result = await keyed.client.callTool({ name: 'oracle', arguments: { prompt: 'echo my key' } });
      expect(JSON.stringify(result)).not.toContain(key);
      expect(textOf(result)).toContain('your key is ***');
      harness.sim.setOptions({ rules: [{ status: 400, reply: `rejected ${key}` }] });
      const failed = await keyed.client.callTool({ name: 'oracle', arguments: { prompt: 'fail with my key' } });
      expect(failed.isError).toBe(true);
      expect(JSON.stringify(failed)).not.toContain(key);
      expect(keyed.stderr()).not.toContain(key);
    } finally {
      await keyed.close();
    }
  });

  test('with no key and no base URL, the error names the variable to set and the offline provider', async () => {
    const bare = await startServer({ env: { HOME: harness.dir }, cwd: harness.dir });
    try {
      const result = await bare.client.callTool({ name: 'oracle', arguments: { prompt: 'hello' } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).not.toContain('\n');
      expect(textOf(result)).toContain('OPENAI_API_KEY');
      expect(textOf(result)).toContain('provider: "sim"');
      const gemini = await bare.client.callTool({ name: 'swarm', arguments: { prompt: 'hello', n: 2, provider: 'gemini' } });
      expect(textOf(gemini)).toContain('GEMINI_API_KEY');
      // …and provider "sim" works right away, offline, in the same server.
      const offline = await bare.client.callTool({ name: 'oracle', arguments: { prompt: 'hello', provider: 'sim', personas: ['judge', 'critic'] } });
      expect(offline.isError).toBeFalsy();
      expect((offline.structuredContent as { results: { content: string }[] }).results.map((r) => r.content.length > 0)).toEqual([true, true]);
    } finally {
      await bare.close();
    }
  });
});

describe('lifetime', () => {
  test('the server exits when its client goes away, closing the requests still in flight', async () => {
    const own = await startServer({ env: { ...harness.env, HOME: harness.dir }, cwd: harness.dir });
    const pid = own.transport.pid!;
    harness.sim.setOptions({ latencyMs: 30_000 });
    own.client.callTool({ name: 'swarm', arguments: { prompt: 'slow', n: 5, out: 'lifetime.jsonl' } }).catch(() => undefined);
    await eventually(() => harness.sim.stats().inFlight, (n) => n === 5);
    await own.close();
    expect(await eventually(() => harness.sim.stats().inFlight, (n) => n === 0)).toBe(0);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(await eventually(alive, (a) => !a)).toBe(false);
  });
});
