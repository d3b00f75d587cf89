import type { UsageObject } from './cost/usage-object.js';
import type { SimStats } from './types.js';

/** Counters of chat requests; requests = completed + aborted + inFlight at all times. */
export class StatsCounter {
  requests = 0;
  completed = 0;
  inFlight = 0;
  peakInFlight = 0;
  aborted = 0;
  #statuses = new Map<number, number>();
  #usage = { prompt_tokens: 0, cached_tokens: 0, completion_tokens: 0, cost_usd: 0 };

  start(): void {
    this.requests++;
    if (++this.inFlight > this.peakInFlight) this.peakInFlight = this.inFlight;
  }

  finish(status: number): void {
    this.inFlight--;
    this.completed++;
    this.#statuses.set(status, (this.#statuses.get(status) ?? 0) + 1);
  }

  abort(): void {
    this.inFlight--;
    this.aborted++;
  }

  /** An answer was sent (or a batch line answered): what it billed. */
  bill(usage: UsageObject): void {
    const u = this.#usage;
    u.prompt_tokens += usage.prompt_tokens;
    u.cached_tokens += usage.prompt_tokens_details.cached_tokens;
    u.completion_tokens += usage.completion_tokens;
    u.cost_usd = Math.round((u.cost_usd + (usage.cost ?? 0)) * 1e12) / 1e12;
  }

  snapshot(): SimStats {
    const statuses: Record<string, number> = {};
    for (const [status, count] of [...this.#statuses].sort((a, b) => a[0] - b[0])) statuses[String(status)] = count;
    const { requests, completed, inFlight, peakInFlight, aborted } = this;
    return { requests, completed, inFlight, peakInFlight, aborted, statuses, usage: { ...this.#usage } };
  }

  /** Zeroes the counters; requests still in flight stay counted as in flight (and in requests). */
  reset(): void {
    this.requests = this.inFlight;
    this.completed = 0;
    this.aborted = 0;
    this.peakInFlight = this.inFlight;
    this.#statuses.clear();
    this.#usage = { prompt_tokens: 0, cached_tokens: 0, completion_tokens: 0, cost_usd: 0 };
  }
}
