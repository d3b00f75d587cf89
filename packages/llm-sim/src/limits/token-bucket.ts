/** A bucket holding a minute's worth of `perMinute`, refilled continuously. */
export class TokenBucket {
  readonly capacity: number;
  readonly #perMs: number;
  #tokens: number;
  #last: number;

  constructor(perMinute: number, now: number) {
    this.capacity = perMinute;
    this.#perMs = perMinute / 60_000;
    this.#tokens = perMinute;
    this.#last = now;
  }

  refill(now: number): void {
    if (now > this.#last) {
      this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#last) * this.#perMs);
      this.#last = now;
    }
  }

  /** Ms until `cost` tokens are available (0 = now); a cost above capacity waits for a full bucket. */
  waitMs(cost: number): number {
    const needed = Math.min(cost, this.capacity);
    return needed <= this.#tokens ? 0 : (needed - this.#tokens) / this.#perMs;
  }

  take(cost: number): void {
    this.#tokens -= cost;
  }

  get remaining(): number {
    return Math.max(0, Math.floor(this.#tokens));
  }

  /** Ms until the bucket is full again. */
  get resetMs(): number {
    return Math.max(0, (this.capacity - this.#tokens) / this.#perMs);
  }
}
