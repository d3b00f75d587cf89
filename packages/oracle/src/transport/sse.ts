/**
 * Server-sent events as the OpenAI API sends them: yields the `data:` payload of each event and
 * stops at `data: [DONE]`. Multi-line data fields are joined with "\n"; comments and other fields
 * are ignored.
 */
export async function* sseData(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  for await (const chunk of chunks) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) !== -1) {
      let line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        if (data.length > 0) {
          const payload = data.join('\n');
          data = [];
          if (payload === '[DONE]') return;
          yield payload;
        }
      } else if (line.startsWith('data:')) {
        data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
      }
    }
  }
  const rest = (buffer + decoder.decode()).trim();
  if (rest.startsWith('data:')) data.push(rest.slice(5).trimStart());
  if (data.length > 0 && data.join('\n') !== '[DONE]') yield data.join('\n');
}
