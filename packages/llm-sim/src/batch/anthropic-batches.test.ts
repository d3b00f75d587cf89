import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim } from '../server.js';
import type { SimServer } from '../types.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ batchDelayMs: 300, rules: [{ match: { user: 'capital' }, replies: [{ content: 'Paris', weight: 1 }] }] });
});
afterAll(() => sim.close());

const HEADERS = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };

function request(customId: string, text: string, params: Record<string, unknown> = {}) {
  return { custom_id: customId, params: { model: 'sim-1', max_tokens: 64, messages: [{ role: 'user', content: text }], ...params } };
}

async function call(server: SimServer, path: string, init: RequestInit = {}): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(`${server.baseURL}/messages/batches${path}`, { ...init, headers: { ...HEADERS, ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

const create = (server: SimServer, requests: unknown[]) => call(server, '', { method: 'POST', body: JSON.stringify({ requests }) });

async function ended(server: SimServer, id: string): Promise<{ batch: any; seen: string[]; processing: number[] }> {
  const seen: string[] = [];
  const processing: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const { json } = await call(server, `/${id}`);
    if (seen.at(-1) !== json.processing_status) seen.push(json.processing_status);
    processing.push(json.request_counts.processing);
    if (json.processing_status === 'ended') return { batch: json, seen, processing };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`batch ${id} never ended`);
}

async function results(batch: { results_url: string }): Promise<any[]> {
  const response = await fetch(batch.results_url, { headers: HEADERS });
  expect(response.status).toBe(200);
  return (await response.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('Anthropic Message Batches', () => {
  test('create → in_progress (every request counted as processing) → ended, results by custom_id', async () => {
    const reqs = Array.from({ length: 30 }, (_, i) => request(`item-${i}`, i === 0 ? 'capital of France?' : `question ${i}`, { system: 'Be brief.' }));
    const created = await create(sim, reqs);
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: 30, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      results_url: null,
      cancel_initiated_at: null,
      archived_at: null,
    });
    expect(created.json.id).toMatch(/^msgbatch_/);
    expect(Date.parse(created.json.expires_at) - Date.parse(created.json.created_at)).toBe(86_400_000);
    const early = await call(sim, `/${created.json.id}/results`);
    expect(early.status).toBe(400);
    expect(early.json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });

    const { batch, seen, processing } = await ended(sim, created.json.id);
    expect(seen).toEqual(['in_progress', 'ended']);
    expect(processing.slice(0, -1).every((p) => p === 30)).toBe(true);
    expect(batch.request_counts).toEqual({ processing: 0, succeeded: 30, errored: 0, canceled: 0, expired: 0 });
    expect(batch.results_url).toBe(`${sim.baseURL}/messages/batches/${batch.id}/results`);
    expect(typeof batch.ended_at).toBe('string');
    const lines = await results(batch);
    expect(lines.map((l) => l.custom_id).sort()).toEqual(reqs.map((r) => r.custom_id).sort());
    const first = lines.find((l) => l.custom_id === 'item-0');
    expect(first.result.type).toBe('succeeded');
    expect(first.result.message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'sim-1',
      content: [{ type: 'text', text: 'Paris' }],
      stop_reason: 'end_turn',
    });
    expect(first.result.message.usage.input_tokens).toBeGreaterThan(0);
    // Same prompt, different custom_id: sampled apart, as a real model's answers are; same id, same answer.
    const again = await create(sim, [request('x1', 'pick a word'), request('x2', 'pick a word'), request('x3', 'pick a word')]);
    const texts = (await results((await ended(sim, again.json.id)).batch)).map((l) => l.result.message.content[0].text);
    expect(new Set(texts).size).toBeGreaterThan(1);
  });

  test('partial failures: faulted lines and invalid params come back errored; the rest succeed', async () => {
    const faulty = await startSim({ batchDelayMs: 50, batchFailureRate: 0.3 });
    try {
      const reqs = Array.from({ length: 60 }, (_, i) => request(`r${i}`, `q ${i}`));
      reqs.push(request('bad-model', 'q', { model: 'nope' }), request('no-max', 'q', { max_tokens: undefined }), request('too-hot', 'q', { temperature: 1.5 }));
      const { batch } = await ended(faulty, (await create(faulty, reqs)).json.id);
      const lines = await results(batch);
      const errored = lines.filter((l) => l.result.type === 'errored');
      expect(batch.request_counts.succeeded + batch.request_counts.errored).toBe(63);
      expect(errored).toHaveLength(batch.request_counts.errored);
      expect(errored.length).toBeGreaterThan(3);
      expect(errored.length).toBeLessThan(40);
      const byId = new Map(lines.map((l) => [l.custom_id, l.result]));
      expect(byId.get('bad-model').error).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
      expect(byId.get('no-max').error.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('max_tokens') });
      expect(byId.get('too-hot').error.error.message).toContain('temperature');
      expect(errored.some((l) => l.result.error.error.type === 'api_error')).toBe(true);
    } finally {
      await faulty.close();
    }
  });

  test('cancel: canceling → ended; requests not yet run are canceled', async () => {
    const slow = await startSim({ batchDelayMs: 5000 });
    try {
      const { json } = await create(slow, Array.from({ length: 100 }, (_, i) => request(`c${i}`, `q ${i}`)));
      await new Promise((r) => setTimeout(r, 600));
      const cancelled = await call(slow, `/${json.id}/cancel`, { method: 'POST' });
      expect(cancelled.json.processing_status).toBe('canceling');
      expect(typeof cancelled.json.cancel_initiated_at).toBe('string');
      const { batch } = await ended(slow, json.id);
      expect(batch.request_counts.canceled).toBeGreaterThan(0);
      expect(batch.request_counts.succeeded + batch.request_counts.canceled).toBe(100);
      const lines = await results(batch);
      expect(lines.filter((l) => l.result.type === 'canceled')).toHaveLength(batch.request_counts.canceled);
      expect((await call(slow, `/${json.id}/cancel`, { method: 'POST' })).status).toBe(400);
    } finally {
      await slow.close();
    }
  });

  test('expired: the window ends mid-run; requests not yet run are expired', async () => {
    const expiring = await startSim({ batchDelayMs: 5000, batchExpireMs: 500 });
    try {
      const { batch } = await ended(expiring, (await create(expiring, Array.from({ length: 50 }, (_, i) => request(`e${i}`, `q ${i}`)))).json.id);
      expect(batch.request_counts.expired).toBeGreaterThan(0);
      const lines = await results(batch);
      expect(lines.filter((l) => l.result.type === 'expired')).toHaveLength(batch.request_counts.expired);
      expect(lines).toHaveLength(50);
    } finally {
      await expiring.close();
    }
  });

  test('a batch refused whole: bad or repeated custom_id, no requests, too many', async () => {
    expect((await create(sim, [request('has space', 'q')])).json.error.message).toContain('custom_id');
    const twice = await create(sim, [request('a', 'q'), request('a', 'q')]);
    expect(twice.status).toBe(400);
    expect(twice.json.error.message).toContain('unique');
    expect((await create(sim, [])).status).toBe(400);
    expect((await call(sim, '', { method: 'POST', body: '{"requests":' })).status).toBe(400);
    const small = await startSim({ batchMaxRequests: 2 });
    try {
      expect((await create(small, [request('a', 'q'), request('b', 'q'), request('c', 'q')])).status).toBe(400);
    } finally {
      await small.close();
    }
  });

  test('list newest first, delete once ended, 404 for unknown ids', async () => {
    const a = (await create(sim, [request('a', 'q')])).json.id;
    const b = (await create(sim, [request('b', 'q')])).json.id;
    const page = await call(sim, '?limit=2');
    expect(page.json.data.map((x: { id: string }) => x.id)).toEqual([b, a]);
    expect(page.json).toMatchObject({ first_id: b, last_id: a, has_more: true });
    expect((await call(sim, `?after_id=${b}&limit=1`)).json.data[0].id).toBe(a);
    expect((await call(sim, `/${b}`, { method: 'DELETE' })).status).toBe(400);
    await ended(sim, b);
    expect((await call(sim, `/${b}`, { method: 'DELETE' })).json).toEqual({ id: b, type: 'message_batch_deleted' });
    expect((await call(sim, `/${b}`)).json.error.type).toBe('not_found_error');
  });

  test('headers: x-api-key when the sim has a key (never Bearer), anthropic-version always', async () => {
    const locked = await startSim({ apiKey: 'sk-ant-sim' });
    try {
      const body = JSON.stringify({ requests: [request('a', 'q')] });
      expect((await call(locked, '', { method: 'POST', body })).json.error).toEqual({ type: 'authentication_error', message: 'x-api-key header is required' });
      expect((await call(locked, '', { method: 'POST', body, headers: { 'x-api-key': 'wrong' } })).status).toBe(401);
      expect((await call(locked, '', { method: 'POST', body, headers: { 'x-api-key': 'sk-ant-sim' } })).status).toBe(200);
      const noVersion = await fetch(`${locked.baseURL}/messages/batches`, { headers: { 'x-api-key': 'sk-ant-sim' } });
      expect(noVersion.status).toBe(400);
      expect(await noVersion.text()).toContain('anthropic-version');
    } finally {
      await locked.close();
    }
  });
});
