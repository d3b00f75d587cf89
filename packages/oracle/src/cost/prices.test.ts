// The price table (shipped file, user and project overrides) and usage as providers report it.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILTIN_PRICES_FILE, loadPrices } from './load-prices.js';
import { CostMeter, usageCost } from './meter.js';
import { PriceFileError } from './price-table.js';
import { readUsage } from './usage.js';

const root = mkdtempSync(path.join(tmpdir(), 'oracle-prices-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A home and a project, each with a prices.json when given. */
function place(user?: unknown, project?: unknown): { cwd: string; home: string; env: Record<string, string> } {
  const dir = mkdtempSync(path.join(root, 'case-'));
  const home = path.join(dir, 'home');
  const cwd = path.join(dir, 'project');
  mkdirSync(path.join(home, '.config', 'fanout'), { recursive: true });
  mkdirSync(path.join(cwd, '.fanout'), { recursive: true });
  if (user !== undefined) writeFileSync(path.join(home, '.config', 'fanout', 'prices.json'), typeof user === 'string' ? user : JSON.stringify(user));
  if (project !== undefined) writeFileSync(path.join(cwd, '.fanout', 'prices.json'), typeof project === 'string' ? project : JSON.stringify(project));
  return { cwd, home, env: {} };
}

describe('price table', () => {
  test('the shipped table is dated and prices known models; an unknown model has no price', () => {
    const table = loadPrices(place());
    const shipped = JSON.parse(readFileSync(BUILTIN_PRICES_FILE, 'utf8')) as { date: string };
    expect(table.date).toBe(shipped.date);
    expect(table.lookup('openai', 'gpt-4o-mini')).toMatchObject({ input: 0.15, cached_input: 0.075, output: 0.6, source: 'builtin', batch_discount: 0.5 });
    // A dated snapshot is the same model; OpenRouter bills the vendor's price.
    expect(table.lookup('openai', 'gpt-4o-mini-2024-07-18')).toMatchObject({ input: 0.15 });
    expect(table.lookup('anthropic', 'claude-haiku-4-5-20251001')).toMatchObject({ input: 1, cached_input: 0.1 });
    expect(table.lookup('openrouter', 'openai/gpt-4.1')).toMatchObject({ provider: 'openrouter', input: 2, output: 8 });
    expect(table.lookup('openrouter', 'anthropic/claude-sonnet-4.5')).toMatchObject({ input: 3, output: 15 });
    expect(table.lookup('openai', 'llama-3-70b')).toBeUndefined();
    expect(table.lookup('openrouter', 'meta/llama-3')).toBeUndefined();
    expect(table.lookup('nowhere', 'gpt-4o-mini')).toBeUndefined();
    // Local servers cost nothing.
    expect(table.lookup('ollama', 'llama3.2')).toMatchObject({ input: 0, output: 0 });
    expect(table.lookup('sim', 'sim-1')).toMatchObject({ input: 0, output: 0 });
    expect(table.cacheRule('openai', 'gpt-4o')).toEqual({ min_tokens: 1024, block_tokens: 128 });
    expect(table.cacheRule('openrouter', 'openai/gpt-4o')).toEqual({ min_tokens: 1024, block_tokens: 128 });
    expect(table.cacheRule('anthropic', 'claude-haiku-4-5')).toBeUndefined();
  });

  test('the project file wins over the user file, which wins over the shipped one, model by model', () => {
    const user = { providers: { openai: { models: { 'gpt-4o-mini': { input: 1, output: 2 }, 'my-model': { input: 5, output: 6 } } } } };
    const project = {
      date: '2030-01-01',
      providers: { openai: { models: { 'gpt-4o-mini': { input: 3, output: 4 } } }, sim: { free: false, models: { 'sim-1': { input: 7, output: 8 } } } },
    };
    const table = loadPrices(place(user, project));
    expect(table.lookup('openai', 'gpt-4o-mini')).toMatchObject({ input: 3, cached_input: 3, output: 4, source: 'project', date: '2030-01-01' });
    expect(table.lookup('openai', 'my-model')).toMatchObject({ input: 5, source: 'user' });
    expect(table.lookup('openai', 'gpt-4.1')).toMatchObject({ input: 2, source: 'builtin' });
    expect(table.lookup('sim', 'sim-1')).toMatchObject({ input: 7, output: 8 });
    expect(table.date).toBe(JSON.parse(readFileSync(BUILTIN_PRICES_FILE, 'utf8')).date);
  });

  test('a bad file is one error naming the file and the JSON path', () => {
    const cases: [unknown, RegExp][] = [
      ['{ not json', /prices\.json: not JSON/],
      [
        { providers: { openai: { models: { 'gpt-x': { input: 'cheap', output: 1 } } } } },
        /prices\.json: providers\.openai\.models\.gpt-x\.input: expected a number/,
      ],
      [{ providers: { openai: { models: { 'gpt-x': { input: 1, outptu: 1 } } } } }, /providers\.openai\.models\.gpt-x\.outptu: unknown field/],
      [{ providers: { openai: { batch_discount: 2 } } }, /providers\.openai\.batch_discount: expected a share/],
      [{ providers: { openai: { flex_discount: -0.5 } } }, /providers\.openai\.flex_discount: expected a share/],
      [{ models: {} }, /expected \{"providers"/],
    ];
    for (const [project, message] of cases) {
      const where = place(undefined, project);
      let error: unknown;
      try {
        loadPrices(where);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(PriceFileError);
      expect((error as PriceFileError).code).toBe('USAGE');
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.startsWith(path.join(where.cwd, '.fanout', 'prices.json'))).toBe(true);
    }
  });
});

describe('usage and cost', () => {
  test('OpenAI, Anthropic and gateway usage shapes read the same way', () => {
    expect(readUsage({ prompt_tokens: 2000, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 1536 } })).toEqual({
      prompt_tokens: 2000,
      completion_tokens: 100,
      cached_tokens: 1536,
    });
    // Anthropic's own shape: input_tokens leaves the cache reads and writes out.
    expect(readUsage({ input_tokens: 50, output_tokens: 10, cache_read_input_tokens: 1000, cache_creation_input_tokens: 200 })).toEqual({
      prompt_tokens: 1250,
      completion_tokens: 10,
      cached_tokens: 1000,
      cache_write_tokens: 200,
    });
    // A gateway passing Anthropic's fields beside OpenAI's: counted inside prompt_tokens when they fit…
    expect(readUsage({ prompt_tokens: 1200, completion_tokens: 5, cache_read_input_tokens: 1000 })).toMatchObject({ prompt_tokens: 1200, cached_tokens: 1000 });
    // …and added when they cannot be part of it.
    expect(readUsage({ prompt_tokens: 20, completion_tokens: 5, cache_read_input_tokens: 1000 })).toMatchObject({ prompt_tokens: 1020, cached_tokens: 1000 });
    expect(readUsage({ prompt_tokens: 10, completion_tokens: 5, cost: 0.0042 })).toEqual({ prompt_tokens: 10, completion_tokens: 5, cost_usd: 0.0042 });
    expect(readUsage(undefined)).toEqual({ prompt_tokens: 0, completion_tokens: 0 });
    // Gemini's usageMetadata: cached tokens inside the prompt's count, thinking billed as output.
    expect(readUsage({ promptTokenCount: 2000, cachedContentTokenCount: 1500, candidatesTokenCount: 80, thoughtsTokenCount: 20 })).toEqual({
      prompt_tokens: 2000,
      completion_tokens: 100,
      cached_tokens: 1500,
    });
  });

  test("the flex tier: OpenAI's at Batch API rates, cached tokens included; a provider without one at its standard price", () => {
    const table = loadPrices(place());
    const nano = table.lookup('openai', 'gpt-5.4-nano')!;
    expect(nano).toMatchObject({ batch_discount: 0.5, flex_discount: 0.5 });
    const usage = { prompt_tokens: 3000, completion_tokens: 200, cached_tokens: 2048 };
    expect(usageCost(nano, usage, 'flex')).toBeCloseTo(usageCost(nano, usage, 'batch'), 15);
    expect(usageCost(nano, usage, 'flex')).toBeCloseTo(((952 * 0.2 + 2048 * 0.02 + 200 * 1.25) / 1e6) * 0.5, 15);
    const haiku = table.lookup('anthropic', 'claude-haiku-4-5')!;
    expect(haiku.flex_discount).toBe(0);
    expect(usageCost(haiku, usage, 'flex')).toBeCloseTo(usageCost(haiku, usage), 15);
    const flexMeter = new CostMeter({ table, provider: 'openai', flex: true });
    expect(flexMeter.add('gpt-5.4-nano', usage)).toBeCloseTo(usageCost(nano, usage, 'flex'), 15);
  });

  test("the shipped table says, per provider, where its prices were checked and which entries were not", () => {
    const shipped = JSON.parse(readFileSync(BUILTIN_PRICES_FILE, 'utf8')) as {
      providers: Record<string, { models?: Record<string, unknown> }>;
      sources: Record<string, { read: string; urls: string[]; verified: string[]; unverified: string[] }>;
    };
    for (const provider of ['openai', 'anthropic', 'gemini']) {
      const source = shipped.sources[provider]!;
      expect(source.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(source.urls.length).toBeGreaterThan(0);
      // Every model is listed as checked or not, once.
      const listed = [...source.verified, ...source.unverified].map((entry) => entry.split(' ')[0]);
      for (const model of Object.keys(shipped.providers[provider]!.models ?? {})) {
        expect([provider, model, listed.filter((m) => m === model).length]).toEqual([provider, model, 1]);
      }
    }
  });

  test('cached tokens at the cached price, cache writes at theirs, the Batch API at its discount', () => {
    const table = loadPrices(place());
    const mini = table.lookup('openai', 'gpt-4o-mini')!;
    const usage = { prompt_tokens: 2000, completion_tokens: 1000, cached_tokens: 1500 };
    const full = (500 * 0.15 + 1500 * 0.075 + 1000 * 0.6) / 1e6;
    expect(usageCost(mini, usage)).toBeCloseTo(full, 15);
    expect(usageCost(mini, usage, true)).toBeCloseTo(full / 2, 15);
    const haiku = table.lookup('anthropic', 'claude-haiku-4-5')!;
    expect(usageCost(haiku, { prompt_tokens: 1250, completion_tokens: 10, cached_tokens: 1000, cache_write_tokens: 200 })).toBeCloseTo(
      (50 * 1 + 1000 * 0.1 + 200 * 1.25 + 10 * 5) / 1e6,
      15,
    );
  });

  test('a meter adds up tokens and dollars; one unpriced model makes the total unknown, never a guess', () => {
    const meter = new CostMeter({ table: loadPrices(place()), provider: 'openai' });
    expect(meter.add('gpt-4o-mini', { prompt_tokens: 1000, completion_tokens: 100, cached_tokens: 500 })).toBeCloseTo(
      (500 * 0.15 + 500 * 0.075 + 100 * 0.6) / 1e6,
      15,
    );
    expect(meter.totals()).toMatchObject({ prompt_tokens: 1000, cached_tokens: 500, completion_tokens: 100, cache_hit_share: 0.5, unpriced: [] });
    expect(meter.add('local-llama', { prompt_tokens: 10, completion_tokens: 10 })).toBeUndefined();
    expect(meter.totals()).toMatchObject({ cost_usd: null, unpriced: ['openai/local-llama'] });
    // What the server said it cost counts when the table has no price.
    const gateway = new CostMeter({ table: loadPrices(place()), provider: 'openrouter' });
    gateway.add('meta/llama-3', { prompt_tokens: 10, completion_tokens: 10, cost_usd: 0.01 });
    expect(gateway.totals()).toMatchObject({ cost_usd: 0.01, unpriced: [] });
  });
});
