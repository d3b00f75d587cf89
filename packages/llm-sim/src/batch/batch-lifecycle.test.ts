import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim } from '../server.js';
import { createBatch, fileLines, jsonl, poll, requestLine, submit, upload } from '../test-helpers/batch.js';
import { ask, chatBody } from '../test-helpers/http.js';
import type { SimServer } from '../types.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ batchDelayMs: 200 });
});
afterAll(() => sim.close());

describe('Batch API lifecycle', () => {
  test('upload, create, poll validating → in_progress → finalizing → completed, download outputs equal to the direct path', async () => {
    const uploaded = await upload(sim, jsonl(40));
    expect(uploaded.status).toBe(200);
    const file = (await uploaded.json()) as Record<string, unknown>;
    expect(file).toMatchObject({ object: 'file', purpose: 'batch', filename: 'input.jsonl', status: 'processed' });
    expect(file.bytes).toBe(Buffer.byteLength(jsonl(40)));
    const created = await createBatch(sim, file.id as string, { metadata: { run: 'test' } });
    expect(created.status).toBe(200);
    const batch = (await created.json()) as Record<string, any>;
    expect(batch).toMatchObject({
      object: 'batch',
      status: 'validating',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      input_file_id: file.id,
      output_file_id: null,
      error_file_id: null,
      metadata: { run: 'test' },
      request_counts: { total: 0, completed: 0, failed: 0 },
    });
    expect(batch.expires_at - batch.created_at).toBe(86_400);

    const { batch: done, seen } = await poll(sim, batch.id);
    expect(seen[0]).toBe('validating');
    expect(seen).toContain('in_progress');
    expect(seen.at(-1)).toBe('completed');
    expect(seen.indexOf('in_progress')).toBeLessThan(seen.length - 1);
    expect(done).toMatchObject({ request_counts: { total: 40, completed: 40, failed: 0 }, error_file_id: null, model: 'sim-1' });
    for (const at of ['in_progress_at', 'finalizing_at', 'completed_at']) expect(typeof done[at]).toBe('number');
    expect((done.usage as { total_tokens: number }).total_tokens).toBeGreaterThan(0);

    const outputs = await fileLines(sim, done.output_file_id);
    expect(outputs.map((o) => o.custom_id).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `req-${i}`).sort());
    const first = outputs.find((o) => o.custom_id === 'req-3')!;
    expect(first.id).toMatch(/^batch_req_/);
    expect(first.error).toBeNull();
    expect(first.response!.status_code).toBe(200);
    expect(first.response!.request_id).toEqual(expect.any(String));
    expect(first.response!.body).toMatchObject({ object: 'chat.completion', model: 'sim-1', usage: { total_tokens: expect.any(Number) } });
    expect(first.response!.body.choices[0].message.content).toBe(await ask(sim, chatBody('q 3')));

    const outputMeta = (await (await fetch(`${sim.baseURL}/files/${done.output_file_id}`)).json()) as Record<string, unknown>;
    expect(outputMeta).toMatchObject({ purpose: 'batch_output', object: 'file' });
    const listed = (await (await fetch(`${sim.baseURL}/batches?limit=1`)).json()) as Record<string, any>;
    expect(listed).toMatchObject({ object: 'list', has_more: expect.any(Boolean) });
    expect(listed.data[0].id).toBe(batch.id);
  });

  test('a 5,000-request batch completes with every line answered', async () => {
    const { batch } = await poll(sim, (await submit(sim, jsonl(5000))).id);
    expect(batch.status).toBe('completed');
    expect(batch.request_counts).toEqual({ total: 5000, completed: 5000, failed: 0 });
    const outputs = await fileLines(sim, batch.output_file_id);
    expect(new Set(outputs.map((o) => o.custom_id)).size).toBe(5000);
  });

  test('batchFailureRate sends that fraction of lines to the error file, the same lines for the same seed', async () => {
    const failing = await startSim({ batchDelayMs: 0, batchFailureRate: 0.2, seed: 3 });
    try {
      const run = async () => {
        const { batch } = await poll(failing, (await submit(failing, jsonl(1000))).id);
        return { batch, errors: await fileLines(failing, batch.error_file_id) };
      };
      const { batch, errors } = await run();
      expect(batch.status).toBe('completed');
      expect(batch.request_counts.failed).toBe(errors.length);
      expect(batch.request_counts.completed + batch.request_counts.failed).toBe(1000);
      expect(errors.length).toBeGreaterThan(150);
      expect(errors.length).toBeLessThan(250);
      expect(errors[0]!.response!.status_code).toBe(500);
      expect(errors[0]!.response!.body.error.type).toBe('server_error');
      const again = await run();
      expect(again.errors.map((e) => e.custom_id)).toEqual(errors.map((e) => e.custom_id));
    } finally {
      await failing.close();
    }
  });

  test('rules apply to batch lines; scripted error statuses land in the error file', async () => {
    const scripted = await startSim({ batchDelayMs: 0, rules: [{ match: { user: 'bad' }, status: 400, reply: 'Scripted bad request' }, { reply: 'ok' }] });
    try {
      const text = [requestLine('a', 'good'), requestLine('b', 'bad one')].join('\n');
      const { batch } = await poll(scripted, (await submit(scripted, text)).id);
      expect(batch.request_counts).toEqual({ total: 2, completed: 1, failed: 1 });
      const [ok] = await fileLines(scripted, batch.output_file_id);
      expect(ok!.response!.body.choices[0].message.content).toBe('ok');
      const [bad] = await fileLines(scripted, batch.error_file_id);
      expect(bad!.custom_id).toBe('b');
      expect(bad!.response!.status_code).toBe(400);
      expect(bad!.response!.body.error.message).toBe('Scripted bad request');

      const unknown = await poll(scripted, (await submit(scripted, requestLine('c', 'x', { model: 'unknown-model' }))).id);
      expect(unknown.batch).toMatchObject({ status: 'completed', output_file_id: null, request_counts: { total: 1, completed: 0, failed: 1 } });
      expect((await fileLines(scripted, unknown.batch.error_file_id))[0]!.response!.status_code).toBe(404);
    } finally {
      await scripted.close();
    }
  });
});
