// The Messages API streaming format, as the Claude Code CLI consumes it.
import type { AssistantMessage } from './script.js';

function event(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

/** The SSE event stream for one assistant message, ready to write as the response body. */
export function messageToSse(message: AssistantMessage): string {
  const { content, stop_reason, usage, ...head } = message;
  const parts = [
    event('message_start', {
      message: { ...head, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1 } },
    }),
  ];
  content.forEach((block, index) => {
    if (block.type === 'text') {
      parts.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      parts.push(event('content_block_delta', { index, delta: { type: 'text_delta', text: block.text } }));
    } else {
      parts.push(event('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } }));
      // Two chunks, as a real stream splits JSON arbitrarily: the CLI must reassemble it.
      const json = JSON.stringify(block.input);
      const cut = Math.floor(json.length / 2);
      for (const partial_json of [json.slice(0, cut), json.slice(cut)]) {
        parts.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }));
      }
    }
    parts.push(event('content_block_stop', { index }));
  });
  parts.push(event('message_delta', { delta: { stop_reason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }));
  parts.push(event('message_stop', {}));
  return parts.join('');
}
