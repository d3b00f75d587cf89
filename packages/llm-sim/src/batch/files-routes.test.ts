import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim } from '../server.js';
import { createBatch, jsonl, upload, uploadId } from '../test-helpers/batch.js';
import type { SimServer } from '../types.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ batchDelayMs: 200 });
});
afterAll(() => sim.close());

describe('Files API and request validation', () => {
  test('retrieve, list, content, delete, 404s', async () => {
    const id = await uploadId(sim, jsonl(1));
    expect(await (await fetch(`${sim.baseURL}/files/${id}/content`)).text()).toBe(jsonl(1));
    const list = (await (await fetch(`${sim.baseURL}/files?purpose=batch`)).json()) as { object: string; data: { id: string }[] };
    expect(list.object).toBe('list');
    expect(list.data.map((f) => f.id)).toContain(id);
    const deleted = await fetch(`${sim.baseURL}/files/${id}`, { method: 'DELETE' });
    expect(await deleted.json()).toEqual({ id, object: 'file', deleted: true });
    const missing = await fetch(`${sim.baseURL}/files/${id}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Record<string, any>).error.message).toBe(`No such File object: ${id}`);
    expect((await fetch(`${sim.baseURL}/batches/batch_nope`)).status).toBe(404);
  });

  test('bad uploads and bad batch requests are 400/404 in OpenAI shape', async () => {
    expect((await upload(sim, 'x', 'nonsense')).status).toBe(400);
    const form = new FormData();
    form.append('purpose', 'batch');
    expect((await fetch(`${sim.baseURL}/files`, { method: 'POST', body: form })).status).toBe(400);
    expect((await fetch(`${sim.baseURL}/files`, { method: 'POST', body: 'plain' })).status).toBe(400);
    const id = await uploadId(sim, jsonl(1));
    expect((await createBatch(sim, id, { endpoint: '/v1/embeddings' })).status).toBe(400);
    expect((await createBatch(sim, id, { completion_window: '1h' })).status).toBe(400);
    expect((await createBatch(sim, 'file-missing')).status).toBe(404);
    const userData = (await (await upload(sim, 'x', 'user_data')).json()) as { id: string };
    const wrongPurpose = await createBatch(sim, userData.id);
    expect(wrongPurpose.status).toBe(400);
    expect(((await wrongPurpose.json()) as Record<string, any>).error.param).toBe('input_file_id');
  });

  test('the api key guards files and batches too', async () => {
    const locked = await startSim({ apiKey: 'sk-batch' });
    try {
      expect((await upload(locked, jsonl(1))).status).toBe(401);
      expect((await upload(locked, jsonl(1), 'batch', { authorization: 'Bearer sk-batch' })).status).toBe(200);
      expect((await fetch(`${locked.baseURL}/batches`)).status).toBe(401);
    } finally {
      await locked.close();
    }
  });
});
