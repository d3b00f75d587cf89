import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim } from '../server.js';
import { fileLines, getBatch, jsonl, poll, requestLine, submit } from '../test-helpers/batch.js';
import type { SimServer } from '../types.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ batchDelayMs: 200 });
});
afterAll(() => sim.close());

describe('failed, cancelled and expired batches', () => {
  test('invalid input fails validation with errors naming the line', async () => {
    const text = [
      requestLine('a', 'fine'),
      '{not json',
      requestLine('a', 'duplicate id'),
      JSON.stringify({ custom_id: 'w', method: 'POST', url: '/v1/embeddings', body: { model: 'sim-1', messages: [] } }),
      requestLine('m', 'other model', { model: 'sim-1-mini' }),
    ].join('\n');
    const { batch, seen } = await poll(sim, (await submit(sim, text)).id);
    expect(seen).toEqual(expect.arrayContaining(['validating', 'failed']));
    expect(batch.status).toBe('failed');
    expect(typeof batch.failed_at).toBe('number');
    expect(batch.output_file_id).toBeNull();
    expect(batch.errors!.object).toBe('list');
    expect(batch.errors!.data.map((e) => [e.code, e.line])).toEqual([
      ['invalid_json_line', 2],
      ['duplicate_custom_id', 3],
      ['invalid_url', 4],
      ['mismatched_model', 5],
    ]);
  });

  test('an empty file or one over batchMaxRequests fails', async () => {
    const small = await startSim({ batchDelayMs: 0, batchMaxRequests: 10 });
    try {
      const over = await poll(small, (await submit(small, jsonl(11))).id);
      expect(over.batch.status).toBe('failed');
      expect(over.batch.errors!.data[0]!.code).toBe('too_many_requests');
      const empty = await poll(small, (await submit(small, '\n')).id);
      expect(empty.batch.errors!.data[0]!.code).toBe('empty_file');
      expect((await poll(small, (await submit(small, jsonl(10))).id)).batch.status).toBe('completed');
    } finally {
      await small.close();
    }
  });

  test('cancel: cancelling → cancelled with partial output; unrun requests in the error file', async () => {
    const slow = await startSim({ batchDelayMs: 2_000 });
    try {
      const { id } = await submit(slow, jsonl(100));
      for (let i = 0; i < 500 && (await getBatch(slow, id)).request_counts.completed === 0; i++) await new Promise((r) => setTimeout(r, 10));
      const response = await fetch(`${slow.baseURL}/batches/${id}/cancel`, { method: 'POST' });
      expect(response.status).toBe(200);
      const cancelling = (await response.json()) as Record<string, unknown>;
      expect(cancelling.status).toBe('cancelling');
      expect(typeof cancelling.cancelling_at).toBe('number');
      const { batch } = await poll(slow, id);
      expect(batch.status).toBe('cancelled');
      expect(typeof batch.cancelled_at).toBe('number');
      const outputs = await fileLines(slow, batch.output_file_id);
      const errors = await fileLines(slow, batch.error_file_id);
      expect(outputs.length).toBe(batch.request_counts.completed);
      expect(outputs.length).toBeGreaterThan(0);
      expect(outputs.length).toBeLessThan(100);
      expect(outputs.length + errors.length).toBe(100);
      expect(errors.every((e) => e.response === null && e.error!.code === 'batch_cancelled')).toBe(true);
      const again = await fetch(`${slow.baseURL}/batches/${id}/cancel`, { method: 'POST' });
      expect(((await again.json()) as { status: string }).status).toBe('cancelled');
    } finally {
      await slow.close();
    }
  });

  test('a finished batch cannot be cancelled (409)', async () => {
    const { batch } = await poll(sim, (await submit(sim, jsonl(2))).id);
    const response = await fetch(`${sim.baseURL}/batches/${batch.id}/cancel`, { method: 'POST' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as Record<string, any>).error.message).toContain("'completed'");
  });

  test('expired: the completion window ends mid-run; done lines are output, the rest batch_expired', async () => {
    const expiring = await startSim({ batchDelayMs: 2_000, batchExpireMs: 400 });
    try {
      const { batch } = await poll(expiring, (await submit(expiring, jsonl(100))).id);
      expect(batch.status).toBe('expired');
      expect(typeof batch.expired_at).toBe('number');
      const outputs = await fileLines(expiring, batch.output_file_id);
      const errors = await fileLines(expiring, batch.error_file_id);
      expect(outputs.length + errors.length).toBe(100);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e.error!.code === 'batch_expired')).toBe(true);
    } finally {
      await expiring.close();
    }
  });
});
