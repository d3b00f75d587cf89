// The real openai SDK against the simulator: the shapes a client relies on.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import OpenAI, { toFile } from 'openai';
import { startSim } from './server.js';
import type { SimServer } from './types.js';

let sim: SimServer;
let client: OpenAI;
beforeAll(async () => {
  sim = await startSim({
    apiKey: 'sk-sim',
    batchDelayMs: 50,
    rules: [{ match: { user: 'limit me' }, status: 429, reply: 'Slow down', headers: { 'retry-after-ms': '20' } }],
  });
  client = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sk-sim', maxRetries: 0 });
});
afterAll(() => sim.close());

describe('openai SDK compatibility', () => {
  test('chat.completions.create, plain and streamed, agree', async () => {
    const messages = [{ role: 'user' as const, content: 'Hello from the SDK' }];
    const plain = await client.chat.completions.create({ model: 'sim-1', messages });
    expect(plain.choices[0]!.message.content).toMatch(/Answer: [A-D]$/);
    expect(plain.usage!.total_tokens).toBeGreaterThan(0);
    const stream = await client.chat.completions.create({ model: 'sim-1', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(plain.choices[0]!.message.content);
    expect(usage).toEqual(plain.usage);
  });

  test('models.list and typed errors', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['sim-1', 'sim-1-mini']);
    await expect(client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const wrongKey = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(wrongKey.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const limited = await client.chat.completions.create({ model: 'sim-1', messages: [{ role: 'user', content: 'limit me' }] }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after-ms')).toBe('20');
  });

  test('files.create (the SDK multipart upload), batches.create/retrieve/list, files.content', async () => {
    const lines = ['a', 'b', 'c'].map((id) =>
      JSON.stringify({
        custom_id: id,
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'sim-1', messages: [{ role: 'user', content: `item ${id}` }] },
      }),
    );
    const file = await client.files.create({ file: await toFile(Buffer.from(lines.join('\n')), 'input.jsonl'), purpose: 'batch' });
    expect(file).toMatchObject({ object: 'file', purpose: 'batch', filename: 'input.jsonl' });
    let batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    while (!['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      batch = await client.batches.retrieve(batch.id);
    }
    expect(batch.status).toBe('completed');
    expect(batch.request_counts).toEqual({ total: 3, completed: 3, failed: 0 });
    const output = await (await client.files.content(batch.output_file_id!)).text();
    const rows = output.trim().split('\n').map((line) => JSON.parse(line) as { custom_id: string; response: { body: OpenAI.ChatCompletion } });
    expect(rows.map((r) => r.custom_id)).toEqual(['a', 'b', 'c']);
    const direct = await client.chat.completions.create({ model: 'sim-1', messages: [{ role: 'user', content: 'item b' }] });
    expect(rows[1]!.response.body.choices[0]!.message.content).toBe(direct.choices[0]!.message.content);
    const page = await client.batches.list({ limit: 10 });
    expect(page.data.map((b) => b.id)).toContain(batch.id);
  });
});
