// Estimates and budgets: the prefix-cache model against llm-sim's real cache over HTTP, identical
// calls, and the budget guard's rule (a call starts only while it cannot cross a limit).
import { describe, expect, test } from '@jest/globals';
import { startSim } from '@fanout/llm-sim';
import { createClient } from '../client.js';
import type { ChatMessage } from '../types.js';
import { BudgetGuard } from './budget.js';
import { BudgetGate } from './budget-gate.js';
import { CostEstimator } from './estimate.js';
import { PriceTable } from './price-table.js';
import { PrefixCacheModel } from './prefix-cache.js';
import { tokenizerFor } from './tokenizer.js';

const shared = 'Context that every call shares, first and byte for byte. '.repeat(100);
const table = new PriceTable();
table.add(
  {
    date: '2030-01-01',
    providers: {
      sim: { batch_discount: 0.5, cache: { min_tokens: 1024, block_tokens: 128 }, models: { 'sim-1': { input: 2, cached_input: 0.5, output: 8 } } },
    },
  },
  'builtin',
  'test',
);

/** Requests whose prefixes overlap in every way a cache can see: same system, same text split otherwise, other roles. */
function requests(): ChatMessage[][] {
  return [
    [{ role: 'system', content: shared }, { role: 'user', content: 'first' }],
    [{ role: 'system', content: shared }, { role: 'user', content: 'second' }],
    [{ role: 'system', content: shared.slice(0, 3000) }, { role: 'user', content: shared.slice(3000) + 'x' }],
    [{ role: 'user', content: shared + 'y' }],
    [{ role: 'user', content: shared + 'y'.repeat(900) }],
    [{ role: 'system', content: 'other' }, { role: 'user', content: shared }],
    [{ role: 'system', content: shared + shared }, { role: 'user', content: 'long' }],
    [{ role: 'system', content: shared + shared }, { role: 'user', content: 'long again' }],
  ];
}

describe('estimates', () => {
  test("the prefix-cache model predicts llm-sim's cached tokens request by request", async () => {
    const sim = await startSim();
    const client = createClient({ provider: 'sim', baseURL: sim.baseURL, model: 'sim-1', concurrency: 1 });
    const model = new PrefixCacheModel(table.cacheRule('sim', 'sim-1')!);
    try {
      const served: number[] = [];
      const predicted: number[] = [];
      for (const messages of requests()) {
        served.push((await client.chat({ messages })).usage.cached_tokens ?? 0);
        predicted.push(model.observe('sim-1', messages));
      }
      expect(predicted).toEqual(served);
      // The sequence exercises hits and misses, or the comparison would prove little.
      expect(served.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
      expect(served.filter((n) => n === 0).length).toBeGreaterThanOrEqual(3);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  test("with OpenAI's tokenizer, the estimate predicts llm-sim's prompt and cached tokens request by request", async () => {
    // The sim bills gpt-4o-mini with o200k_base too, as the real API does.
    const sim = await startSim({ models: ['gpt-4o-mini'], tokenizer: tokenizerFor });
    const client = createClient({ provider: 'sim', baseURL: sim.baseURL, model: 'gpt-4o-mini', concurrency: 1 });
    const estimator = new CostEstimator({ table, provider: 'sim' });
    try {
      const served: [number, number][] = [];
      const predicted: [number, number][] = [];
      for (const messages of requests()) {
        const before = estimator.totals();
        estimator.add('gpt-4o-mini', messages, 0);
        const after = estimator.totals();
        predicted.push([after.prompt_tokens - before.prompt_tokens, after.cached_tokens - before.cached_tokens]);
        const { usage } = await client.chat({ messages });
        served.push([usage.prompt_tokens, usage.cached_tokens ?? 0]);
      }
      expect(predicted).toEqual(served);
      expect(served.filter(([, cached]) => cached > 0).length).toBeGreaterThanOrEqual(3);
      expect(estimator.totals().tokenizers).toEqual({ 'gpt-4o-mini': 'o200k_base' });
      // Counted with the tokenizer, not at 4 characters per token: the two differ on this text.
      expect(served[0]![0]).not.toBe(Math.ceil((shared.length + 'first'.length) / 4));
    } finally {
      await client.close();
      await sim.close();
    }
  });

  test('identical calls: the first misses, the rest hit; cost follows the price and the Batch API discount', () => {
    const messages: ChatMessage[] = [{ role: 'system', content: shared }, { role: 'user', content: 'q' }];
    const direct = new CostEstimator({ table, provider: 'sim' });
    direct.add('sim-1', messages, 100, 1000);
    const totals = direct.totals();
    const chars = shared.length + 1;
    const prompt = Math.ceil(chars / 4);
    // The longest block boundary (1,024 tokens, then steps of 128) within the prompt's characters.
    const cachedEach = 1024 + 128 * Math.floor((Math.floor(chars / 4) - 1024) / 128);
    expect(totals).toMatchObject({ calls: 1000, prompt_tokens: 1000 * prompt, completion_tokens: 100_000, cached_tokens: 999 * cachedEach });
    expect(totals.cost_usd).toBeCloseTo((1000 * prompt * 2 - 999 * cachedEach * 1.5 + 100_000 * 8) / 1e6, 9);
    const batch = new CostEstimator({ table, provider: 'sim', batch: true });
    batch.add('sim-1', messages, 100, 1000);
    expect(batch.totals().cost_usd).toBeCloseTo(totals.cost_usd! / 2, 9);
  });
});

describe('budget guard', () => {
  test('a call starts only while spent + in flight + its estimate fits; the first refusal is final', () => {
    const guard = new BudgetGuard({ maxCostUsd: 1, maxTokens: 1000 }, { usd: 0.2, tokens: 0 });
    const call = { usd: 0.3, tokens: 100 };
    expect(guard.reserve(call)).toBe(true); // 0.2 + 0.3
    expect(guard.reserve(call)).toBe(true); // + 0.3 in flight
    expect(guard.reserve(call)).toBe(false); // 1.1 would cross
    expect(guard.stopped).toBe('max-cost');
    // Calls ending cheaper than expected leave room, but the run already stopped scheduling.
    guard.settle(call, { usd: 0.01, tokens: 10 });
    guard.settle(call, undefined);
    expect(guard.reserve(call)).toBe(false);
    expect(guard.spentUsd).toBeCloseTo(0.21, 12);
    const tokens = new BudgetGuard({ maxTokens: 250 });
    expect(tokens.reserve(call)).toBe(true);
    expect(tokens.reserve(call)).toBe(true);
    expect(tokens.reserve(call)).toBe(false);
    expect(tokens.stopped).toBe('max-total-tokens');
  });

  test('the gate: an item that does not fit waits for the calls in flight, and stops the items when none is left', async () => {
    const items = Array.from({ length: 5 }, (_, id) => ({ id }));
    let stops = 0;
    const gate = new BudgetGate<{ id: number }>({ maxTokens: 10 }, () => ({ usd: 0, tokens: 4 }));
    const pulls = gate.items(items, () => stops++)[Symbol.asyncIterator]();
    const a = (await pulls.next()).value!;
    const b = (await pulls.next()).value!;
    let third: IteratorResult<{ id: number }> | undefined;
    const pending = pulls.next().then((r) => (third = r));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(third).toBeUndefined(); // 4 + 4 + 4 > 10 while two calls are in flight
    gate.settle(a, { usd: 0, tokens: 1 }); // cheaper than reserved: room again
    await pending;
    expect(third!.value).toEqual({ id: 2 });
    const fourth = pulls.next();
    gate.settle(b, { usd: 0, tokens: 4 });
    gate.settle(third!.value as { id: number }, { usd: 0, tokens: 4 }); // 9 spent, nothing in flight, 4 more would cross
    expect(await fourth).toEqual({ done: true, value: undefined });
    expect({ stops, stopped: gate.guard.stopped, started: gate.started }).toEqual({ stops: 1, stopped: 'max-total-tokens', started: 3 });
  });

  test("the gate with onBudget 'cancel': the first item that does not fit stops the items, calls in flight or not", async () => {
    const gate = new BudgetGate<{ id: number }>({ maxTokens: 10 }, () => ({ usd: 0, tokens: 4 }), { onBudget: 'cancel' });
    const seen: number[] = [];
    for await (const item of gate.items(Array.from({ length: 5 }, (_, id) => ({ id })), () => undefined)) seen.push(item.id);
    expect(seen).toEqual([0, 1]);
    expect(gate.guard.stopped).toBe('max-total-tokens');
  });
});
