// Usage as real APIs report it, over real HTTP: cached prompt tokens from a deterministic prefix
// cache, a price per model (`usage.cost`), the Batch API at half price, and the server's own tally.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim } from '../server.js';
import { fileLines, poll, requestLine, submit } from '../test-helpers/batch.js';
import { post, sseData } from '../test-helpers/http.js';
import type { SimServer } from '../types.js';

// 5,000 characters: 1,250 tokens, past OpenAI's 1,024-token minimum.
const SYSTEM = 'You review database migrations for safety. '.repeat(117).slice(0, 5000);
const PRICE = { input: 2, cached_input: 0.5, output: 8 };

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  cost?: number;
}

function body(user: string, extra: Record<string, unknown> = {}) {
  return { model: 'sim-1', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }], ...extra };
}

async function usageOf(sim: SimServer, payload: unknown): Promise<Usage> {
  const response = await post(sim, payload);
  expect(response.status).toBe(200);
  return ((await response.json()) as { usage: Usage }).usage;
}

const dollars = (u: Usage, price = PRICE) =>
  ((u.prompt_tokens - u.prompt_tokens_details.cached_tokens) * price.input +
    u.prompt_tokens_details.cached_tokens * price.cached_input +
    u.completion_tokens * price.output) /
  1e6;

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ prices: { 'sim-1': PRICE }, batchDelayMs: 0 });
});
afterEach(() => {
  sim.setOptions({ promptCache: {} }); // an empty cache for the next test
  sim.resetStats();
});
afterAll(() => sim.close());

describe('prompt cache', () => {
  test('a short prompt is never cached, and says so like OpenAI does', async () => {
    const usage = await usageOf(sim, { model: 'sim-1', messages: [{ role: 'user', content: 'hello' }] });
    expect(usage.prompt_tokens_details).toEqual({ cached_tokens: 0 });
    expect((await usageOf(sim, { model: 'sim-1', messages: [{ role: 'user', content: 'hello' }] })).prompt_tokens_details.cached_tokens).toBe(0);
  });

  test('a repeated prefix is served from the cache in 128-token blocks from 1,024; the first request misses', async () => {
    const first = await usageOf(sim, body('Is migration 1 safe?'));
    expect(first.prompt_tokens).toBe(Math.ceil((SYSTEM.length + 'Is migration 1 safe?'.length) / 4));
    expect(first.prompt_tokens_details.cached_tokens).toBe(0);
    // 5,020 characters: boundaries at 4,096 and 4,608 characters (1,024 and 1,152 tokens).
    const second = await usageOf(sim, body('Is migration 2 safe?'));
    expect(second.prompt_tokens_details.cached_tokens).toBe(1152);
    // Another model has its own cache.
    expect((await usageOf(sim, body('Is migration 2 safe?', { model: 'sim-1-mini' }))).prompt_tokens_details.cached_tokens).toBe(0);
    // A different system prompt shares nothing.
    const other = { model: 'sim-1', messages: [{ role: 'system', content: `x${SYSTEM}` }, { role: 'user', content: 'q' }] };
    expect((await usageOf(sim, other)).prompt_tokens_details.cached_tokens).toBe(0);
  });

  test('identical requests sent at once: exactly the first misses, and the server tallies what it billed', async () => {
    const usages = await Promise.all(Array.from({ length: 20 }, () => usageOf(sim, body('Same question?'))));
    const cached = usages.map((u) => u.prompt_tokens_details.cached_tokens).sort((a, b) => a - b);
    expect(cached[0]).toBe(0);
    expect(new Set(cached.slice(1))).toEqual(new Set([1152]));
    const stats = sim.stats().usage;
    expect(stats.cached_tokens).toBe(19 * 1152);
    expect(stats.prompt_tokens).toBe(usages.reduce((sum, u) => sum + u.prompt_tokens, 0));
    expect(stats.completion_tokens).toBe(usages.reduce((sum, u) => sum + u.completion_tokens, 0));
    expect(stats.cost_usd).toBeCloseTo(usages.reduce((sum, u) => sum + dollars(u), 0), 10);
  });

  test('promptCache false turns it off; minTokens and blockTokens change the steps', async () => {
    sim.setOptions({ promptCache: false });
    await usageOf(sim, body('a'));
    expect((await usageOf(sim, body('a'))).prompt_tokens_details.cached_tokens).toBe(0);
    sim.setOptions({ promptCache: { minTokens: 100, blockTokens: 500 } });
    await usageOf(sim, body('a'));
    // 5,001 characters: boundaries at 400, 2,400 and 4,400 characters.
    expect((await usageOf(sim, body('b'))).prompt_tokens_details.cached_tokens).toBe(1100);
  });
});

describe('prices', () => {
  test('answers to a priced model carry usage.cost; others do not', async () => {
    const usage = await usageOf(sim, body('What does it cost?'));
    expect(usage.cost).toBeCloseTo(dollars(usage), 12);
    const cached = await usageOf(sim, body('What does it cost now?'));
    expect(cached.prompt_tokens_details.cached_tokens).toBeGreaterThan(0);
    expect(cached.cost).toBeCloseTo(dollars(cached), 12);
    expect(cached.cost!).toBeLessThan(dollars({ ...cached, prompt_tokens_details: { cached_tokens: 0 } }));
    expect((await usageOf(sim, body('free?', { model: 'sim-1-mini' }))).cost).toBeUndefined();
  });

  test('a streamed answer reports the same usage in its last chunk', async () => {
    await usageOf(sim, body('warm the cache'));
    const response = await post(sim, body('streamed', { stream: true, stream_options: { include_usage: true } }));
    const chunks = sseData(await response.text()).filter((d) => d !== '[DONE]').map((d) => JSON.parse(d) as { usage?: Usage });
    const usage = chunks.at(-1)!.usage!;
    expect(usage.prompt_tokens_details.cached_tokens).toBe(1152);
    expect(usage.cost).toBeCloseTo(dollars(usage), 12);
  });

  test('Batch API lines are billed at half price and share the prompt cache', async () => {
    const lines = ['one', 'two', 'three'].map((q, i) => requestLine(`r${i}`, q)).map((line) => {
      const parsed = JSON.parse(line) as { body: { messages: unknown[] } };
      parsed.body.messages = [{ role: 'system', content: SYSTEM }, ...parsed.body.messages];
      return JSON.stringify(parsed);
    });
    const { batch } = await poll(sim, (await submit(sim, lines.join('\n'))).id);
    const out = await fileLines(sim, batch.output_file_id);
    const usages = out.map((line) => line.response!.body.usage as Usage);
    expect(usages.map((u) => u.prompt_tokens_details.cached_tokens)).toEqual([0, 1152, 1152]);
    for (const u of usages) expect(u.cost).toBeCloseTo(dollars(u) / 2, 12);
    expect(sim.stats().usage.cost_usd).toBeCloseTo(usages.reduce((sum, u) => sum + u.cost!, 0), 10);
  });

  test('bad prices and cache options are refused, naming the option', () => {
    expect(() => sim.setOptions({ prices: { 'sim-1': { input: -1, output: 1 } } })).toThrow(/`prices.sim-1`/);
    expect(() => sim.setOptions({ prices: { 'sim-1': { input: 1 } as never } })).toThrow(/`prices.sim-1`/);
    expect(() => sim.setOptions({ promptCache: { minTokens: 0 } })).toThrow(/`promptCache`/);
  });
});
