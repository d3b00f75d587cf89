import { describe, expect, test } from '@jest/globals';
import { sseData } from './sse.js';

async function collect(parts: string[]): Promise<string[]> {
  const encoder = new TextEncoder();
  async function* source(): AsyncGenerator<Uint8Array> {
    for (const part of parts) yield encoder.encode(part);
  }
  const out: string[] = [];
  for await (const data of sseData(source())) out.push(data);
  return out;
}

describe('sseData', () => {
  test('yields data payloads and stops at [DONE], across chunk boundaries and CRLF', async () => {
    expect(await collect(['data: {"a":1}\n\nda', 'ta: {"b":2}\r\n\r\n: comment\n\ndata: [DONE]\n\ndata: {"late":1}\n\n'])).toEqual([
      '{"a":1}',
      '{"b":2}',
    ]);
  });

  test('joins multi-line data and keeps a last event without a blank line', async () => {
    expect(await collect(['event: x\ndata: line1\ndata: line2\n\ndata: tail'])).toEqual(['line1\nline2', 'tail']);
  });

  test('splits a multi-byte character across chunks correctly', async () => {
    const bytes = new TextEncoder().encode('data: héllo\n\n');
    async function* source(): AsyncGenerator<Uint8Array> {
      yield bytes.slice(0, 8);
      yield bytes.slice(8);
    }
    const out: string[] = [];
    for await (const data of sseData(source())) out.push(data);
    expect(out).toEqual(['héllo']);
  });
});
