import { usageObject, type UsageObject } from '../cost/usage-object.js';
import { SYSTEM_FINGERPRINT } from './completion-object.js';
import type { Decision } from './decide.js';

/**
 * Splits text into JSON-escaped words that keep their trailing whitespace ("a b\n\nc" → `a `, `b\\n\\n`,
 * `c`, ready to sit between quotes). Escaping once and scanning the escaped text costs a fraction of
 * a regex split plus JSON.stringify per word, and SSE is the simulator's heaviest hot path.
 */
export function escapedWords(text: string): string[] {
  const escaped = JSON.stringify(text);
  const end = escaped.length - 1;
  const words: string[] = [];
  let start = 1;
  let afterSpace = false;
  for (let i = 1; i < end; ) {
    const code = escaped.charCodeAt(i);
    let width = 1;
    let space = code === 32;
    if (code === 92) {
      const next = escaped.charCodeAt(i + 1);
      space = next === 110 || next === 116 || next === 114; // \n \t \r
      width = next === 117 ? 6 : 2; // \uXXXX
    }
    if (afterSpace && !space) {
      words.push(escaped.slice(start, i));
      start = i;
    }
    afterSpace = space;
    i += width;
  }
  if (start < end) words.push(escaped.slice(start, end));
  return words;
}

/**
 * The `data: …` events of a streamed answer in OpenAI's `chat.completion.chunk` shape: per choice a
 * role delta, one content delta per word and a finish chunk; then usage; then `[DONE]`. Usage rides
 * on the last finish chunk, or in its own chunk with empty choices when `include_usage` asked for it.
 */
export function sseEvents(id: string, model: string, decision: Decision, includeUsage: boolean, billed?: UsageObject): string[] {
  const created = Math.floor(Date.now() / 1000);
  const head =
    `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},` +
    `"model":${JSON.stringify(model)},"system_fingerprint":"${SYSTEM_FINGERPRINT}","choices":`;
  const usage = JSON.stringify(billed ?? usageObject(undefined, decision.promptTokens, 0, decision.completionTokens));
  const events: string[] = [];
  const last = decision.contents.length - 1;
  decision.contents.forEach((content, index) => {
    const open = `${head}[{"index":${index},"delta":`;
    events.push(`${open}{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n`);
    for (const word of escapedWords(content)) {
      events.push(`${open}{"content":"${word}"},"logprobs":null,"finish_reason":null}]}\n\n`);
    }
    const tail = index === last && !includeUsage ? `,"usage":${usage}` : '';
    events.push(`${open}{},"logprobs":null,"finish_reason":"${decision.finishReason}"}]${tail}}\n\n`);
  });
  if (includeUsage) events.push(`${head}[],"usage":${usage}}\n\n`);
  events.push('data: [DONE]\n\n');
  return events;
}
