/** A pending time limit; `fire` is cleared once it fired or was cancelled. */
export interface Deadline {
  readonly at: number;
  fire: (() => void) | undefined;
  readonly queue: DeadlineQueue;
}

/** Queues with live deadlines, one per duration (created on first use, dropped when empty). */
let queues: Map<number, DeadlineQueue> | undefined;

/**
 * Deadlines of one duration, in the order they were set. Every entry is `now + ms` with the same
 * `ms` and a monotonic clock, so the queue is sorted by construction: one timer, armed for the first
 * live entry, serves all of them, and setting or cancelling one is O(1). A cancelled entry is only
 * marked; the array is compacted once dead entries outnumber live ones (amortised O(1)). With no live
 * entry left the timer is cleared, so a finished run keeps no handle alive.
 */
class DeadlineQueue {
  readonly ms: number;
  items: (Deadline | undefined)[] = [];
  head = 0;
  live = 0;
  timer: NodeJS.Timeout | undefined;

  constructor(ms: number) {
    this.ms = ms;
  }

  arm(delayMs: number): void {
    this.timer = setTimeout(this.onTimer, Math.max(1, Math.ceil(delayMs)));
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.items = [];
    this.head = 0;
    queues?.delete(this.ms);
  }

  /** Keeps only the live entries from the head on. */
  compact(): void {
    const kept: Deadline[] = [];
    const { items } = this;
    for (let i = this.head; i < items.length; i++) if (items[i]!.fire !== undefined) kept.push(items[i]!);
    this.items = kept;
    this.head = 0;
  }

  readonly onTimer = (): void => {
    this.timer = undefined;
    const now = performance.now();
    const { items } = this;
    const due: (() => void)[] = [];
    // Collect first, call after: a callback may set or cancel deadlines on this very queue.
    while (this.head < items.length) {
      const deadline = items[this.head]!;
      const fire = deadline.fire;
      if (fire !== undefined) {
        // A timer may fire a little early against performance.now(): the rest is waited for below.
        if (deadline.at > now) break;
        deadline.fire = undefined;
        this.live--;
        due.push(fire);
      }
      items[this.head++] = undefined;
    }
    if (this.live === 0) this.close();
    else {
      if (this.head >= 1024 && this.head * 2 >= items.length) this.compact();
      this.arm(this.items[this.head]!.at - now);
    }
    for (const fire of due) fire();
  };
}

/** Calls `fire` once `ms` have passed, unless the returned deadline is cancelled first. */
export function addDeadline(ms: number, fire: () => void): Deadline {
  queues ??= new Map();
  let queue = queues.get(ms);
  if (queue === undefined) {
    queue = new DeadlineQueue(ms);
    queues.set(ms, queue);
  }
  const deadline: Deadline = { at: performance.now() + ms, fire, queue };
  queue.items.push(deadline);
  queue.live++;
  if (queue.timer === undefined) queue.arm(ms);
  return deadline;
}

/** Cancels a deadline that has not fired (a no-op after it fired or was cancelled). */
export function cancelDeadline(deadline: Deadline): void {
  if (deadline.fire === undefined) return;
  deadline.fire = undefined;
  const queue = deadline.queue;
  if (--queue.live === 0) {
    queue.close();
    return;
  }
  const size = queue.items.length - queue.head;
  if (size > 64 && size > 2 * queue.live) queue.compact();
}

/** Live deadlines and armed timers, for tests. */
export function deadlineStats(): { live: number; timers: number } {
  let live = 0;
  let timers = 0;
  for (const queue of queues?.values() ?? []) {
    live += queue.live;
    if (queue.timer !== undefined) timers++;
  }
  return { live, timers };
}
