import { SYSTEM_FINGERPRINT } from './completion-object.js';
import type { Decision } from './decide.js';

const WORD_START = /(?<=\s)(?=\S)/;

/**
 * The `data: …` events of a streamed answer in OpenAI's `chat.completion.chunk` shape: per choice a
 * role delta, one content delta per word and a finish chunk; then usage; then `[DONE]`. Usage rides
 * on the last finish chunk, or in its own chunk with empty choices when `include_usage` asked for it.
 */
export function sseEvents(id: string, model: string, decision: Decision, includeUsage: boolean): string[] {
  const created = Math.floor(Date.now() / 1000);
  const head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"system_fingerprint":"${SYSTEM_FINGERPRINT}","choices":`;
  const usage = JSON.stringify({
    prompt_tokens: decision.promptTokens,
    completion_tokens: decision.completionTokens,
    total_tokens: decision.promptTokens + decision.completionTokens,
  });
  const events: string[] = [];
  const last = decision.contents.length - 1;
  decision.contents.forEach((content, index) => {
    const open = `${head}[{"index":${index},"delta":`;
    events.push(`${open}{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n`);
    for (const piece of content === '' ? [] : content.split(WORD_START)) {
      events.push(`${open}{"content":${JSON.stringify(piece)}},"logprobs":null,"finish_reason":null}]}\n\n`);
    }
    const tail = index === last && !includeUsage ? `,"usage":${usage}` : '';
    events.push(`${open}{},"logprobs":null,"finish_reason":"${decision.finishReason}"}]${tail}}\n\n`);
  });
  if (includeUsage) events.push(`${head}[],"usage":${usage}}\n\n`);
  events.push('data: [DONE]\n\n');
  return events;
}
