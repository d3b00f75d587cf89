// Small real helpers for the tests: abortable delays, a running-count gauge, counted sources.

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export { sleep as delay } from '../sleep.js';

/** Counts tasks running at once and remembers the most seen. */
export function gauge() {
  let running = 0;
  let max = 0;
  return {
    enter() {
      running++;
      if (running > max) max = running;
    },
    leave() {
      running--;
    },
    get running() {
      return running;
    },
    get max() {
      return max;
    },
  };
}

export const randomMs = (max: number) => Math.floor(Math.random() * max);

/** An async source of 0..n-1 that counts its pulls (pulls answered after a tick, like a real reader). */
export function countedAsyncSource(n: number) {
  const counter = { pulled: 0, closed: false };
  async function* source() {
    try {
      for (let i = 0; i < n; i++) {
        await Promise.resolve();
        counter.pulled++;
        yield i;
      }
    } finally {
      counter.closed = true;
    }
  }
  return { source: source(), counter };
}

/** A sync source of 0..n-1 that counts pulls. */
export function countedSyncSource(n: number) {
  const counter = { pulled: 0, closed: false };
  function* source() {
    try {
      for (let i = 0; i < n; i++) {
        counter.pulled++;
        yield i;
      }
    } finally {
      counter.closed = true;
    }
  }
  return { source: source(), counter };
}

/** An error shaped like an HTTP client's: a status and headers. */
export function httpError(status: number, headers: Record<string, string> | Headers = {}): Error & { status: number; headers: unknown } {
  return Object.assign(new Error(`HTTP ${status}`), { status, headers });
}
