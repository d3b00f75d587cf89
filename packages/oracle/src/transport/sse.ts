import { OracleError } from '../errors.js';

/** Longest event line (and event) accepted, in characters: past it the server is not streaming chat. */
export const MAX_SSE_LINE = 16 * 1024 * 1024;

function tooLong(): OracleError {
  return new OracleError('BAD_RESPONSE', `the stream sent an event longer than ${MAX_SSE_LINE / 1024 / 1024} MiB`);
}

/**
 * The stream's lines without their `\n` (a `\r` before it is dropped), the last one even without a
 * newline. Each chunk is searched once and a line split across chunks is joined once, so a long line
 * costs linear time; one past `MAX_SSE_LINE` throws instead of growing without end.
 */
async function* sseLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let parts: string[] = [];
  let partsLength = 0;
  const take = (text: string, from: number, to: number): string => {
    let line = text.slice(from, to);
    if (parts.length > 0) {
      parts.push(line);
      line = parts.join('');
      parts = [];
      partsLength = 0;
    }
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let from = 0;
    let newline: number;
    while ((newline = text.indexOf('\n', from)) !== -1) {
      yield take(text, from, newline);
      from = newline + 1;
    }
    if (from < text.length) {
      parts.push(text.slice(from));
      partsLength += text.length - from;
      if (partsLength > MAX_SSE_LINE) throw tooLong();
    }
  }
  const rest = decoder.decode();
  if (rest !== '') parts.push(rest);
  if (parts.length > 0) yield take('', 0, 0);
}

/**
 * Server-sent events as the OpenAI API sends them: yields the `data:` payload of each event and
 * stops at `data: [DONE]`. Multi-line data fields are joined with "\n"; comments and other fields
 * are ignored.
 */
export async function* sseData(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  let data: string[] = [];
  let dataLength = 0;
  for await (const line of sseLines(chunks)) {
    if (line === '') {
      if (data.length > 0) {
        const payload = data.join('\n');
        data = [];
        dataLength = 0;
        if (payload === '[DONE]') return;
        yield payload;
      }
    } else if (line.startsWith('data:')) {
      const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
      dataLength += value.length;
      if (dataLength > MAX_SSE_LINE) throw tooLong();
      data.push(value);
    }
  }
  if (data.length > 0 && data.join('\n') !== '[DONE]') yield data.join('\n');
}
