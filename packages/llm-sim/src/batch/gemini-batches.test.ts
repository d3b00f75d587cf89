import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim } from '../server.js';
import type { SimServer } from '../types.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ batchDelayMs: 300, rules: [{ match: { user: 'capital' }, reply: 'Paris' }] });
});
afterAll(() => sim.close());

function inlined(key: string, text: string, config: Record<string, unknown> = {}) {
  return {
    request: { contents: [{ role: 'user', parts: [{ text }] }], systemInstruction: { parts: [{ text: 'Be brief.' }] }, generationConfig: config },
    metadata: { key },
  };
}

async function call(server: SimServer, path: string, init: RequestInit = {}): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.url}/v1beta/${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  return { status: response.status, json: await response.json() };
}

function create(server: SimServer, requests: unknown[], model = 'sim-1', batch: Record<string, unknown> = {}) {
  const body = { batch: { displayName: 'test', inputConfig: { requests: { requests } }, ...batch } };
  return call(server, `models/${model}:batchGenerateContent`, { method: 'POST', body: JSON.stringify(body) });
}

async function finished(server: SimServer, name: string): Promise<{ op: any; states: string[]; successful: number[] }> {
  const states: string[] = [];
  const successful: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const { json } = await call(server, name);
    if (states.at(-1) !== json.metadata.state) states.push(json.metadata.state);
    successful.push(Number(json.metadata.batchStats.successfulRequestCount));
    if (json.done) return { op: json, states, successful };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${name} never finished`);
}

describe('Gemini batch mode (inlined requests)', () => {
  test('batchGenerateContent → an Operation: PENDING → RUNNING → SUCCEEDED, responses in request order', async () => {
    const requests = Array.from({ length: 40 }, (_, i) => inlined(`k${i}`, i === 7 ? 'capital of France?' : `question ${i}`));
    const created = await create(sim, requests);
    expect(created.status).toBe(200);
    expect(created.json.name).toMatch(/^batches\//);
    expect(created.json.done).toBeUndefined();
    expect(created.json.metadata).toMatchObject({
      model: 'models/sim-1',
      displayName: 'test',
      state: 'BATCH_STATE_PENDING',
      name: created.json.name,
      batchStats: { requestCount: '40', pendingRequestCount: '40', successfulRequestCount: '0' },
    });
    const { op, states, successful } = await finished(sim, created.json.name);
    expect(states).toEqual(['BATCH_STATE_PENDING', 'BATCH_STATE_RUNNING', 'BATCH_STATE_SUCCEEDED']);
    expect(successful.some((n) => n > 0 && n < 40)).toBe(true); // progress is visible while it runs
    expect(op.metadata.batchStats).toEqual({ requestCount: '40', pendingRequestCount: '0', successfulRequestCount: '40', failedRequestCount: '0' });
    expect(typeof op.metadata.endTime).toBe('string');
    const responses = op.response.inlinedResponses.inlinedResponses;
    expect(op.metadata.output.inlinedResponses.inlinedResponses).toEqual(responses);
    expect(responses.map((r: any) => r.metadata.key)).toEqual(requests.map((r) => r.metadata.key));
    expect(responses[7].response).toMatchObject({
      candidates: [{ content: { parts: [{ text: 'Paris' }], role: 'model' }, finishReason: 'STOP' }],
      modelVersion: 'sim-1',
    });
    expect(responses[7].response.usageMetadata.promptTokenCount).toBeGreaterThan(0);
  });

  test('partial failures and invalid requests come back as error statuses in their place', async () => {
    const faulty = await startSim({ batchDelayMs: 50, batchFailureRate: 0.3 });
    try {
      const requests: unknown[] = Array.from({ length: 60 }, (_, i) => inlined(`k${i}`, `q ${i}`));
      requests.push({ request: { contents: [] }, metadata: { key: 'empty' } }, inlined('hot', 'q', { temperature: 3 }));
      const { op } = await finished(faulty, (await create(faulty, requests)).json.name);
      const responses = op.response.inlinedResponses.inlinedResponses as any[];
      expect(responses).toHaveLength(62);
      const failed = responses.filter((r) => r.error);
      expect(Number(op.metadata.batchStats.failedRequestCount)).toBe(failed.length);
      expect(failed.length).toBeGreaterThan(3);
      expect(failed.length).toBeLessThan(40);
      expect(failed.some((r) => r.error.code === 500 && r.error.status === 'INTERNAL')).toBe(true);
      expect(responses[60].error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
      expect(responses[61].error.message).toContain('temperature');
    } finally {
      await faulty.close();
    }
  });

  test('cancel and expiry end the batch without output', async () => {
    const slow = await startSim({ batchDelayMs: 5000, batchExpireMs: 60_000 });
    try {
      const { json } = await create(slow, Array.from({ length: 20 }, (_, i) => inlined(`k${i}`, `q ${i}`)));
      expect((await call(slow, `${json.name}:cancel`, { method: 'POST' })).json).toEqual({});
      const { op } = await finished(slow, json.name);
      expect(op.metadata.state).toBe('BATCH_STATE_CANCELLED');
      expect(op.response).toBeUndefined();
      expect((await call(slow, `${json.name}:cancel`, { method: 'POST' })).status).toBe(400);
      slow.setOptions({ batchExpireMs: 300 });
      const expiring = (await create(slow, [inlined('a', 'q')])).json.name;
      expect((await finished(slow, expiring)).op.metadata.state).toBe('BATCH_STATE_EXPIRED');
    } finally {
      await slow.close();
    }
  });

  test('refusals: unknown model 404, no display name, no requests, input files, snake_case accepted', async () => {
    expect((await create(sim, [inlined('a', 'q')], 'gemini-nope')).json.error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect((await create(sim, [inlined('a', 'q')], 'sim-1', { displayName: undefined })).json.error.message).toContain('display_name');
    expect((await create(sim, [])).status).toBe(400);
    const file = await call(sim, 'models/sim-1:batchGenerateContent', {
      method: 'POST',
      body: JSON.stringify({ batch: { displayName: 'f', inputConfig: { fileName: 'files/x' } } }),
    });
    expect(file.json.error.message).toContain('inlined');
    const snake = { batch: { display_name: 's', input_config: { requests: { requests: [inlined('a', 'q')] } } } };
    expect((await call(sim, 'models/sim-1:batchGenerateContent', { method: 'POST', body: JSON.stringify(snake) })).status).toBe(200);
    expect((await call(sim, 'batches/nope')).json.error.status).toBe('NOT_FOUND');
  });

  test('list pages newest first; delete', async () => {
    const a = (await create(sim, [inlined('a', 'q')])).json.name;
    const b = (await create(sim, [inlined('b', 'q')])).json.name;
    const page = await call(sim, 'batches?pageSize=1');
    expect(page.json.operations.map((o: { name: string }) => o.name)).toEqual([b]);
    const next = await call(sim, `batches?pageSize=1&pageToken=${page.json.nextPageToken}`);
    expect(next.json.operations[0].name).toBe(a);
    expect((await call(sim, a, { method: 'DELETE' })).json).toEqual({});
    expect((await call(sim, a)).status).toBe(404);
  });

  test('the key goes in x-goog-api-key or ?key=; the OpenAI-compatible /v1beta/openai/ path answers chat', async () => {
    const locked = await startSim({ apiKey: 'g-key' });
    try {
      expect((await call(locked, 'batches')).status).toBe(403);
      expect((await call(locked, 'batches', { headers: { 'x-goog-api-key': 'bad' } })).json.error.message).toContain('API key not valid');
      expect((await call(locked, 'batches', { headers: { 'x-goog-api-key': 'g-key' } })).status).toBe(200);
      expect((await call(locked, 'batches?key=g-key')).status).toBe(200);
      const chat = await fetch(`${locked.url}/v1beta/openai/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer g-key' },
        body: JSON.stringify({ model: 'sim-1', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(chat.status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});
