import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim } from './server.js';
import { ask, chatBody, getJson, post } from './test-helpers/http.js';
import type { SimServer } from './types.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

describe('POST /v1/chat/completions (JSON)', () => {
  test('answers in OpenAI chat.completion shape with usage', async () => {
    const response = await post(sim, chatBody('What is 2 + 2?'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const json = (await response.json()) as Record<string, any>;
    expect(json).toMatchObject({ object: 'chat.completion', model: 'sim-1' });
    expect(json.id).toMatch(/^chatcmpl-/);
    expect(Number.isInteger(json.created)).toBe(true);
    expect(json.choices).toHaveLength(1);
    const choice = json.choices[0];
    expect(choice).toMatchObject({ index: 0, finish_reason: 'stop', message: { role: 'assistant' } });
    expect(typeof choice.message.content).toBe('string');
    expect(choice.message.content).toMatch(/\n\nAnswer: [A-D]$/);
    const usage = json.usage;
    expect(usage.prompt_tokens).toBe(Math.ceil('What is 2 + 2?'.length / 4));
    expect(usage.completion_tokens).toBe(Math.ceil(choice.message.content.length / 4));
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });

  test('also serves paths without the /v1 prefix', async () => {
    const response = await fetch(`${sim.url}/chat/completions`, { method: 'POST', body: JSON.stringify(chatBody('hi')) });
    expect(response.status).toBe(200);
  });

  test('the same request gets the same answer; the request seed and the server seed change it', async () => {
    const body = chatBody('Pick one', { temperature: 0.7 });
    const first = await ask(sim, body);
    expect(await ask(sim, body)).toBe(first);
    const bySeed = new Set<string>();
    for (let seed = 0; seed < 8; seed++) bySeed.add(await ask(sim, { ...body, seed }));
    expect(bySeed.size).toBeGreaterThan(1);

    const other = await startSim({ seed: 42 });
    try {
      let same = 0;
      for (let seed = 0; seed < 8; seed++) if ((await ask(sim, { ...body, seed })) === (await ask(other, { ...body, seed }))) same++;
      expect(same).toBeLessThan(8);
    } finally {
      await other.close();
    }
  });

  test('response_format json_object returns valid JSON', async () => {
    const content = await ask(sim, chatBody('Answer in JSON', { response_format: { type: 'json_object' } }));
    expect(JSON.parse(content)).toEqual({ answer: expect.stringMatching(/^[A-D]$/), reasoning: expect.any(String) });
  });

  test('max_tokens truncates with finish_reason length; n gives several choices', async () => {
    const short = (await (await post(sim, chatBody('Long please', { max_tokens: 3 }))).json()) as Record<string, any>;
    expect(short.choices[0].finish_reason).toBe('length');
    expect(short.choices[0].message.content).toHaveLength(12);
    expect(short.usage.completion_tokens).toBe(3);
    const many = (await (await post(sim, chatBody('Several', { n: 3 }))).json()) as Record<string, any>;
    expect(many.choices.map((c: { index: number }) => c.index)).toEqual([0, 1, 2]);
    expect(many.choices[0].message.content).toBe(await ask(sim, chatBody('Several')));
  });
});

describe('errors in OpenAI shape', () => {
  test('malformed JSON → 400', async () => {
    const response = await post(sim, '{"model": "sim-1", "messages": [');
    expect(response.status).toBe(400);
    const json = (await response.json()) as Record<string, any>;
    expect(json.error).toEqual({ message: expect.any(String), type: 'invalid_request_error', param: null, code: null });
  });

  test('missing messages → 400 naming the parameter', async () => {
    const response = await post(sim, { model: 'sim-1' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, any>).error).toMatchObject({ param: 'messages', code: 'missing_required_parameter' });
  });

  test('unknown model → 404 model_not_found', async () => {
    const response = await post(sim, chatBody('hi', { model: 'gpt-9' }));
    expect(response.status).toBe(404);
    expect(((await response.json()) as Record<string, any>).error).toMatchObject({ code: 'model_not_found', type: 'invalid_request_error' });
  });

  test('unknown route → 404 JSON', async () => {
    const response = await fetch(`${sim.baseURL}/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as Record<string, any>).error.message).toBe('Invalid URL (GET /v1/nope)');
    expect((await fetch(`${sim.baseURL}/chat/completions`)).status).toBe(404);
  });
});

describe('GET /v1/models', () => {
  test('lists the models in OpenAI list shape', async () => {
    const list = await getJson<Record<string, any>>(`${sim.baseURL}/models`);
    expect(list).toEqual({
      object: 'list',
      data: [
        { id: 'sim-1', object: 'model', created: expect.any(Number), owned_by: 'llm-sim' },
        { id: 'sim-1-mini', object: 'model', created: expect.any(Number), owned_by: 'llm-sim' },
      ],
    });
    expect(await getJson(`${sim.baseURL}/models/sim-1-mini`)).toMatchObject({ id: 'sim-1-mini', object: 'model' });
    expect((await fetch(`${sim.baseURL}/models/other`)).status).toBe(404);
  });

  test('models option and setOptions change what is listed and accepted', async () => {
    const other = await startSim({ models: ['m-a'] });
    try {
      expect((await getJson<{ data: { id: string }[] }>(`${other.baseURL}/models`)).data.map((m) => m.id)).toEqual(['m-a']);
      expect((await post(other, chatBody('x', { model: 'm-a' }))).status).toBe(200);
      other.setOptions({ models: ['m-b'] });
      expect((await post(other, chatBody('x', { model: 'm-a' }))).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
