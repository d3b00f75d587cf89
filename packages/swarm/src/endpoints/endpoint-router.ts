import type { TaskContext } from '@fanout/parallel-core';
import { isRetryable, type ChatRequest, type ChatResult } from '@fanout/oracle';
import type { ItemCaller } from '../item-caller.js';
import type { WorkItem } from '../work-items.js';
import type { EndpointFigures, RoutedEndpoint } from './routed-endpoint.js';

export interface RouterCallOptions {
  /** Failed attempts an item may make beyond its first (429s rerouted to another endpoint do not count). @default 5 */
  readonly retries?: number;
  /** Per-attempt time limit in ms. */
  readonly timeoutMs?: number;
  /** Told each time an item is tried again (after any failed attempt). */
  readonly onRetry?: () => void;
}

interface Waiter {
  readonly avoid: RoutedEndpoint | undefined;
  resolve(endpoint: RoutedEndpoint): void;
  reject(reason: unknown): void;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
}

/**
 * Shares the items of one run among several endpoints by their measured capacity: an endpoint takes
 * an item whenever it has room under its own AIMD limit, so a fast or lightly limited endpoint takes
 * more and none sits idle while items wait. A 429 pauses only its endpoint (for its Retry-After) and
 * the item goes at once to another; an unreachable endpoint is taken out of the rotation (probed
 * again with backoff) and its items go elsewhere. Each item is answered by one endpoint, once.
 */
export class EndpointRouter {
  readonly endpoints: readonly RoutedEndpoint[];
  readonly #waiters: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(endpoints: readonly RoutedEndpoint[]) {
    this.endpoints = endpoints;
  }

  /** Items in flight at most: the sum of the endpoints' ceilings (the pool's concurrency). */
  get capacity(): number {
    return this.endpoints.reduce((sum, e) => sum + e.limit.max, 0);
  }

  // The endpoint with the most room relative to its limit, `avoid` only when nothing else has room.
  #pick(avoid: RoutedEndpoint | undefined, now: number): RoutedEndpoint | undefined {
    let best: RoutedEndpoint | undefined;
    let bestScore = 0;
    for (const e of this.endpoints) {
      const room = e.room(now);
      if (room <= 0) continue;
      const score = (room / e.limit.max) * (e === avoid ? 1e-6 : 1);
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    return best;
  }

  // When every endpoint refused the run (keys, models): the first refusal, which fails the item as it would on one endpoint.
  #refused(): unknown {
    return this.endpoints.every((e) => e.disabled !== undefined) ? this.endpoints[0]!.disabled : undefined;
  }

  #take(e: RoutedEndpoint): RoutedEndpoint {
    e.inFlight++;
    return e;
  }

  /** Resolves with an endpoint that has room (its slot taken); waits while none has. */
  acquire(avoid: RoutedEndpoint | undefined, signal: AbortSignal): Promise<RoutedEndpoint> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.#waiters.length === 0) {
      const e = this.#pick(avoid, performance.now());
      if (e) return Promise.resolve(this.#take(e));
    }
    const refused = this.#refused();
    if (refused !== undefined) return Promise.reject(refused);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        avoid,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.#waiters.indexOf(waiter);
          if (at >= 0) this.#waiters.splice(at, 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#schedule();
    });
  }

  release(e: RoutedEndpoint): void {
    e.inFlight--;
    this.#drain();
  }

  #drain(): void {
    const now = performance.now();
    while (this.#waiters.length > 0) {
      const e = this.#pick(this.#waiters[0]!.avoid, now);
      if (!e) break;
      const waiter = this.#waiters.shift()!;
      waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(this.#take(e));
    }
    const refused = this.#waiters.length > 0 ? this.#refused() : undefined;
    if (refused !== undefined) {
      for (const w of this.#waiters.splice(0)) {
        w.signal.removeEventListener('abort', w.onAbort);
        w.reject(refused);
      }
    }
    this.#schedule();
  }

  // Wakes the queue when the first paused or down endpoint may take work again.
  #schedule(): void {
    if (this.#waiters.length === 0) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      return;
    }
    if (this.#timer !== undefined) return;
    const now = performance.now();
    let at = Infinity;
    for (const e of this.endpoints) if (e.disabled === undefined && e.readyAt() > now) at = Math.min(at, e.readyAt());
    if (at === Infinity) return; // waiting for a slot: a release drains the queue
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#drain();
    }, Math.max(1, Math.ceil(at - now)));
  }

  /** The pool's mapper: routes one item, rerouting failed attempts, until it is answered or out of retries. */
  caller(build: (item: WorkItem) => ChatRequest, options: RouterCallOptions = {}): ItemCaller {
    const retries = options.retries ?? 5;
    let started = 0;
    const call = async (item: WorkItem, context: TaskContext): Promise<ChatResult> => {
      started++;
      item.startedAt = performance.now();
      const request = build(item);
      let failures = 0;
      let avoid: RoutedEndpoint | undefined;
      for (;;) {
        const e = await this.acquire(avoid, context.signal);
        item.attempts++;
        e.attempts++;
        const generation = e.limit.generation;
        const signal = options.timeoutMs === undefined ? context.signal : AbortSignal.any([context.signal, AbortSignal.timeout(options.timeoutMs)]);
        try {
          const result = await e.client.chat(e.spec.model === undefined ? request : { ...request, model: e.spec.model }, { signal });
          e.succeeded(result);
          return result;
        } catch (error) {
          if (context.signal.aborted) throw error;
          const verdict = e.failed(error, generation);
          if (verdict === 'error' && !isRetryable(error)) throw error;
          if (verdict === 'error' || verdict === 'down') failures++;
          if (failures > retries) throw error;
          options.onRetry?.();
          avoid = e;
        } finally {
          this.release(e);
        }
      }
    };
    return {
      call,
      get started() {
        return started;
      },
    };
  }

  figures(wallMs: number): EndpointFigures[] {
    const ok = this.endpoints.reduce((sum, e) => sum + e.ok, 0);
    return this.endpoints.map((e) => e.figures(ok, wallMs));
  }

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    await Promise.all(this.endpoints.map((e) => e.client.close()));
  }
}
