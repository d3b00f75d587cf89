/** A token bucket refilled continuously at `perMinute`, holding at most `capacity` (the burst). */
export class TokenBucket {
  readonly capacity: number;
  readonly #perMs: number;
  #level: number;
  #last: number;

  constructor(perMinute: number, capacity: number, now: number) {
    this.capacity = capacity;
    this.#perMs = perMinute / 60_000;
    this.#level = capacity;
    this.#last = now;
  }

  get level(): number {
    return this.#level;
  }

  refill(now: number): void {
    if (now > this.#last) {
      this.#level = Math.min(this.capacity, this.#level + (now - this.#last) * this.#perMs);
      this.#last = now;
    }
  }

  /**
   * Ms until `amount` can be taken (0 = now). An amount above the capacity waits for a full bucket and
   * then goes into debt, so a big item is let through but the rate still holds over time.
   */
  waitMs(amount: number): number {
    const need = Math.min(amount, this.capacity);
    return this.#level >= need ? 0 : (need - this.#level) / this.#perMs;
  }

  take(amount: number): void {
    this.#level -= amount;
  }

  /** Lowers the level to what a server says is left (never raises it). */
  clamp(remaining: number): void {
    if (remaining < this.#level) this.#level = remaining;
  }
}
