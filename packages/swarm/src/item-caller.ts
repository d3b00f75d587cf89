import type { RateLimiterLike, TaskContext } from '@fanout/parallel-core';
import type { ChatRequest, ChatResult, OracleClient } from '@fanout/oracle';
import { withFlexRetry, type FlexRetryOptions } from './flex.js';
import type { WorkItem } from './work-items.js';

/** The pool's mapper: one attempt of one item. */
export interface ItemCaller {
  call(item: WorkItem, context: TaskContext): Promise<ChatResult>;
  /** Items whose first attempt has started. */
  readonly started: number;
}

/**
 * Makes the calls, each with the attempt's signal: the run's one signal unless attempts have their
 * own time limit. oracle's transport registers a signal's listener once and tracks the calls in flight
 * in a set, so sharing one signal across a thousand calls costs nothing per call.
 */
export function createItemCaller(
  client: OracleClient,
  build: (item: WorkItem) => ChatRequest,
  limiter: RateLimiterLike | undefined,
  /** OpenAI's flex tier: its "Resource Unavailable" answers are tried again here, with their own backoff. */
  flex?: { readonly retry: FlexRetryOptions; readonly onRetry: () => void },
): ItemCaller {
  const observe = limiter?.observe?.bind(limiter);
  let started = 0;

  async function call(item: WorkItem, context: TaskContext): Promise<ChatResult> {
    item.attempts = context.attempt;
    if (context.attempt === 1) {
      started++;
      item.startedAt = performance.now();
    }
    const request = build(item);
    const result = flex
      ? await withFlexRetry(() => client.chat(request, { signal: context.signal }), context.signal, flex.retry, flex.onRetry)
      : await client.chat(request, { signal: context.signal });
    // Failed attempts' headers reach the limiter through the pool; successful ones only from here.
    if (observe !== undefined && result.headers !== undefined) observe(result.headers);
    return result;
  }

  return {
    call,
    get started() {
      return started;
    },
  };
}
