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

describe('sseData on a hostile stream', () => {
  test('a line longer than the limit is an error, not memory without end', async () => {
    const piece = 'x'.repeat(1024 * 1024);
    async function* endless(): AsyncGenerator<string> {
      yield 'data: ';
      for (let i = 0; i < 64; i++) yield piece; // 64 MiB, no newline
    }
    await expect(async () => {
      for await (const _ of sseData(endless())) void _;
    }).rejects.toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringContaining('longer than 16 MiB') });
  });

  test('a long event split into many chunks comes out whole', async () => {
    const long = 'y'.repeat(3 * 1024 * 1024);
    const parts = ['data: '];
    for (let i = 0; i < long.length; i += 4096) parts.push(long.slice(i, i + 4096));
    parts.push('\n\ndata: [DONE]\n\n');
    expect(await collect(parts)).toEqual([long]);
  });
});
