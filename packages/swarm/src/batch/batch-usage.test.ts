// Batch API results read through oracle's usage reader, on each provider's wire (llm-sim answers in
// OpenAI's, Anthropic's and Gemini's shapes): cached prompt tokens are kept and priced at the cached
// price less the batch discount, so what swarm accounts is what the server billed.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CostMeter, PriceTable } from '@fanout/oracle';
import { withSim } from '../test-helpers/sim.js';
import { withTempDir } from '../test-helpers/tmp.js';
import { promptSource } from '../work-items.js';
import type { BatchWire } from './batch-backend.js';
import { createBatchBackend } from './create-backend.js';
import { runBatchSwarm } from './run-batch.js';

const PRICE = { input: 2, cached_input: 0.5, output: 8 };
// ~1,500 tokens, the same in every line: from the second line on the prompt cache serves it.
const PROMPT = `${'Rate how urgent this ticket is, from 1 to 5, and say why in one line. '.repeat(85)}Ticket: the export fails.`;

function cost(wire: BatchWire) {
  const table = new PriceTable();
  table.add({ providers: { [wire]: { batch_discount: 0.5, models: { 'sim-1': PRICE } } } }, 'project', 'test');
  return { meter: new CostMeter({ table, provider: wire, batch: true }), model: () => 'sim-1' };
}

describe.each<BatchWire>(['openai', 'anthropic', 'gemini'])('batch results over the %s wire', (wire) => {
  test('cached prompt tokens are read, and priced at the cached price less the batch discount', () =>
    withTempDir((t) =>
      withSim({ prices: { 'sim-1': PRICE }, batchDelayMs: 20, apiKey: 'sim-key' }, 4, async ({ sim }) => {
        const baseURL = wire === 'gemini' ? sim.baseURL.replace(/\/v1$/, '/v1beta/openai/') : sim.baseURL;
        const report = await runBatchSwarm({
          backend: await createBatchBackend(wire, { baseURL, apiKey: 'sim-key' }),
          stateDir: path.join(t.dir, 'state'),
          connection: { provider: wire, baseURL, model: 'sim-1' },
          pollMs: 20,
          source: promptSource(PROMPT, 12, []),
          out: t.file('r.jsonl'),
          cost: cost(wire),
        });
        expect(report).toMatchObject({ ok: 12, failed: 0 });
        const billed = sim.stats().usage;
        expect(billed.cached_tokens).toBeGreaterThan(0);
        expect(report.tokens).toEqual({ prompt: billed.prompt_tokens, completion: billed.completion_tokens, cached: billed.cached_tokens });
        // The sim bills Batch API lines at half price, cached tokens at the cached price: so does swarm.
        expect(report.cost_usd).toBeCloseTo(billed.cost_usd, 9);
        const lines = readFileSync(t.file('r.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { usage: { cached_tokens?: number } });
        expect(lines.filter((l) => (l.usage.cached_tokens ?? 0) > 0)).toHaveLength(11);
      }),
    ));
});
