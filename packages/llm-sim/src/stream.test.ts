import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim } from './server.js';
import { ask, chatBody, post, sseData, waitFor } from './test-helpers/http.js';
import type { SimServer } from './types.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

interface Chunk {
  id: string;
  object: string;
  model: string;
  choices: { index: number; delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

async function stream(body: Record<string, unknown>): Promise<{ chunks: Chunk[]; data: string[]; response: Response }> {
  const response = await post(sim, { ...body, stream: true });
  const data = sseData(await response.text());
  const chunks = data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d) as Chunk);
  return { chunks, data, response };
}

describe('stream: true', () => {
  test('OpenAI chunk shape: role delta first, content deltas, finish, usage, [DONE]', async () => {
    const body = chatBody('Stream me an answer');
    const { chunks, data, response } = await stream(body);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(data.at(-1)).toBe('[DONE]');
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    for (const chunk of chunks) expect(chunk).toMatchObject({ object: 'chat.completion.chunk', model: 'sim-1' });
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const finish = chunks.at(-1)!;
    expect(finish.choices[0]!.finish_reason).toBe('stop');
    const content = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe(await ask(sim, body));
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(5);
    // Without include_usage, usage rides on the finish chunk.
    expect(finish.usage).toEqual({
      prompt_tokens: Math.ceil('Stream me an answer'.length / 4),
      completion_tokens: Math.ceil(content.length / 4),
      total_tokens: Math.ceil('Stream me an answer'.length / 4) + Math.ceil(content.length / 4),
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });

  test('stream_options.include_usage adds a usage chunk with empty choices', async () => {
    const { chunks } = await stream({ ...chatBody('Usage please'), stream_options: { include_usage: true } });
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage!.total_tokens).toBe(last.usage!.prompt_tokens + last.usage!.completion_tokens);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-2)!.usage).toBeUndefined();
  });

  test('streamChunkMs spaces the chunks; aborting mid-stream counts as aborted and frees the timer', async () => {
    const slow = await startSim({ streamChunkMs: 40 });
    try {
      const controller = new AbortController();
      const response = await post(slow, { ...chatBody('Slow stream'), stream: true }, {}, controller.signal);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain('"role":"assistant"');
      controller.abort();
      await waitFor(() => slow.stats().aborted === 1);
      expect(slow.stats()).toMatchObject({ requests: 1, inFlight: 0, completed: 0, aborted: 1 });
    } finally {
      await slow.close();
    }
  });

  test('errors are answered as JSON before any stream starts', async () => {
    const response = await post(sim, { ...chatBody('x', { model: 'nope' }), stream: true });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
  });
});
