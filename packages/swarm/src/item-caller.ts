import { setMaxListeners } from 'node:events';
import type { RateLimiterLike, TaskContext } from '@fanout/parallel-core';
import type { ChatRequest, ChatResult, OracleClient } from '@fanout/oracle';
import type { WorkItem } from './work-items.js';

/** The pool's mapper: one attempt of one item. */
export interface ItemCaller {
  call(item: WorkItem, context: TaskContext): Promise<ChatResult>;
  /** Items whose first attempt has started. */
  readonly started: number;
}

// Listeners per shard signal at full concurrency: small enough that the listener-list scan is cheap.
const PER_SHARD = 32;

/**
 * Makes the calls. Without per-attempt timeouts every task shares the run's one signal, and an
 * AbortSignal scans its whole listener list on each `addEventListener` (O(in-flight) per request:
 * ~10% of the CPU at c1000). So calls are spread over a few long-lived shard signals of ~32 listeners
 * each (no allocation per call), and one listener on the run's signal aborts every shard: a cancelled
 * run still closes every socket.
 */
export function createItemCaller(
  client: OracleClient,
  build: (item: WorkItem) => ChatRequest,
  limiter: RateLimiterLike | undefined,
  options: { readonly concurrency: number; readonly perAttemptSignals: boolean },
): ItemCaller {
  const observe = limiter?.observe?.bind(limiter);
  const shards: AbortController[] = [];
  let watched: AbortSignal | undefined;
  let turn = 0;
  let started = 0;

  function abortAll(this: AbortSignal): void {
    for (const shard of shards) shard.abort(this.reason);
  }

  function shardSignal(runSignal: AbortSignal): AbortSignal {
    if (runSignal !== watched) {
      watched = runSignal;
      shards.length = 0;
      const count = Math.max(1, Math.ceil(Math.min(options.concurrency, 1 << 16) / PER_SHARD));
      for (let i = 0; i < count; i++) {
        const shard = new AbortController();
        setMaxListeners(0, shard.signal); // ~32 listeners by design, not a leak
        shards.push(shard);
      }
      if (runSignal.aborted) abortAll.call(runSignal);
      else runSignal.addEventListener('abort', abortAll, { once: true });
    }
    turn = turn + 1 === shards.length ? 0 : turn + 1;
    return shards[turn]!.signal;
  }

  async function call(item: WorkItem, context: TaskContext): Promise<ChatResult> {
    item.attempts = context.attempt;
    if (context.attempt === 1) {
      started++;
      item.startedAt = performance.now();
    }
    const signal = options.perAttemptSignals ? context.signal : shardSignal(context.signal);
    const result = await client.chat(build(item), { signal });
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
