import type { SimStats } from './types.js';

/** Counters of chat requests; requests = completed + aborted + inFlight at all times. */
export class StatsCounter {
  requests = 0;
  completed = 0;
  inFlight = 0;
  peakInFlight = 0;
  aborted = 0;
  #statuses = new Map<number, number>();

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

  snapshot(): SimStats {
    const statuses: Record<string, number> = {};
    for (const [status, count] of [...this.#statuses].sort((a, b) => a[0] - b[0])) statuses[String(status)] = count;
    const { requests, completed, inFlight, peakInFlight, aborted } = this;
    return { requests, completed, inFlight, peakInFlight, aborted, statuses };
  }

  /** Zeroes the counters; requests still in flight stay counted as in flight (and in requests). */
  reset(): void {
    this.requests = this.inFlight;
    this.completed = 0;
    this.aborted = 0;
    this.peakInFlight = this.inFlight;
    this.#statuses.clear();
  }
}
