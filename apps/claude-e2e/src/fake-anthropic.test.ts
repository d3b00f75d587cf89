import { describe, expect, test } from '@jest/globals';
import { startFakeAnthropic } from './fake-anthropic.js';

function parseSse(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const [eventLine, dataLine] = chunk.split('\n');
      return { event: eventLine!.replace(/^event: /, ''), data: JSON.parse(dataLine!.replace(/^data: /, '')) as Record<string, unknown> };
    });
}

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/v1/messages?beta=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('fake Anthropic API', () => {
  test('streams the scripted turns, answering a tool_result with the next turn', async () => {
    const server = await startFakeAnthropic({
      turns: [{ toolUse: { name: 'Bash', input: { command: 'echo hi', description: 'say hi' } } }, { text: 'done' }],
    });
    try {
      expect((await fetch(server.url, { method: 'HEAD' })).status).toBe(200);
      const first = parseSse(await (await post(server.url, { model: 'm', stream: true, messages: [{ role: 'user', content: 'go' }] })).text());
      expect(first.map((e) => e.event)).toEqual([
        'message_start',
        'content_block_start',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]);
      const json = first
        .filter((e) => e.event === 'content_block_delta')
        .map((e) => (e.data.delta as { partial_json: string }).partial_json)
        .join('');
      expect(JSON.parse(json)).toEqual({ command: 'echo hi', description: 'say hi' });
      expect(first[1]!.data.content_block).toMatchObject({ type: 'tool_use', name: 'Bash', id: 'toolu_fake_0_0' });
      expect((first[5]!.data.delta as { stop_reason: string }).stop_reason).toBe('tool_use');

      const followUp = {
        model: 'm',
        stream: true,
        system: [{ type: 'text', text: 'SYSTEM-MARK' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'go' }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_fake_0_0', name: 'Bash', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_fake_0_0', content: 'DENIED-MARK', is_error: true }] },
        ],
      };
      const second = parseSse(await (await post(server.url, followUp)).text());
      expect(second.find((e) => e.event === 'content_block_delta')!.data.delta).toEqual({ type: 'text_delta', text: 'done' });
      expect((second.find((e) => e.event === 'message_delta')!.data.delta as { stop_reason: string }).stop_reason).toBe('end_turn');

      expect(server.messageRequests().map((r) => r.turn)).toEqual([0, 1]);
      expect(server.receivedText()).toContain('SYSTEM-MARK');
      expect(server.toolResults()).toEqual([{ toolUseId: 'toolu_fake_0_0', content: 'DENIED-MARK', isError: true }]);
    } finally {
      await server.close();
    }
  });

  test('answers without streaming as one JSON message, and says when the script ran out', async () => {
    const server = await startFakeAnthropic({ turns: [{ text: 'only' }] });
    try {
      const reply = (await (await post(server.url, { model: 'm', messages: [{ role: 'assistant', content: 'x' }] })).json()) as Record<string, unknown>;
      expect(reply).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn' });
      expect(reply.content).toEqual([{ type: 'text', text: 'fake-anthropic: no scripted turn 1 (the script has 1)' }]);
      expect((await fetch(`${server.url}/v1/models`)).status).toBe(404);
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/messages?beta=true', 'GET /v1/models']);
    } finally {
      await server.close();
    }
  });
});
