import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { OracleError, type RateLimitHeaders } from '../errors.js';
import type { ChatResult, ChatStream, Usage } from '../types.js';
import { readChunk } from './completion.js';

export interface StreamSource {
  /** Parsed chunks in order. */
  readonly chunks: AsyncIterable<ChatCompletionChunk>;
  readonly start: number;
  readonly model: string;
  readonly headers: RateLimitHeaders | undefined;
  readonly signal: AbortSignal | undefined;
  /** Maps a failure while reading (socket closed, error event) to a typed error. */
  readonly fail: (error: unknown) => unknown;
}

/** A single-use stream of text deltas that also assembles the whole answer for `result()`. */
export function chatStream(source: StreamSource): ChatStream {
  let content = '';
  let model = source.model;
  let usage: Usage = { prompt_tokens: 0, completion_tokens: 0 };
  let failure: { error: unknown } | undefined;
  let ms = 0;

  async function* deltas(): AsyncGenerator<string> {
    try {
      for await (const chunk of source.chunks) {
        const part = readChunk(chunk);
        if (part.model) model = part.model;
        if (part.usage) usage = part.usage;
        if (part.delta) {
          content += part.delta;
          yield part.delta;
        }
      }
      // The SDK's stream ends quietly on abort; an answer cut short must not look complete.
      source.signal?.throwIfAborted();
    } catch (error) {
      const mapped = source.signal?.aborted ? source.signal.reason : source.fail(error);
      failure = { error: mapped };
      throw mapped;
    } finally {
      ms = performance.now() - source.start;
    }
  }

  const generator = deltas();
  let iterated = false;
  return {
    [Symbol.asyncIterator]() {
      if (iterated) throw new OracleError('USAGE', 'a ChatStream can be iterated once');
      iterated = true;
      return generator;
    },
    async result(): Promise<ChatResult> {
      iterated = true;
      // Drains what is left; a generator already finished returns at once.
      for await (const _ of generator);
      if (failure) throw failure.error;
      return source.headers ? { content, model, usage, ms, headers: source.headers } : { content, model, usage, ms };
    },
  };
}
