import { setMaxListeners } from 'node:events';

/** Something bound to a run (an attempt under a time limit) that must end when the run is aborted. */
export interface Linked {
  abort(reason: unknown): void;
}

/**
 * A run's shared signal plus the per-attempt work linked to it. Attempts register here instead of
 * each adding an 'abort' listener to the shared signal: Node's EventTarget walks its listener list on
 * every add and remove, so the cost per attempt grows with concurrency. Set add/delete is O(1).
 */
export class RunScope {
  readonly #controller = new AbortController();
  readonly #linked = new Set<Linked>();
  readonly signal: AbortSignal = this.#controller.signal;

  constructor() {
    // Every running task may listen on the shared signal (fetch does), so it gets no listener cap:
    // the default of 10 would warn of a leak at concurrency 11.
    setMaxListeners(0, this.signal);
  }

  get aborted(): boolean {
    return this.signal.aborted;
  }

  /** Aborts the shared signal, then everything linked, with `reason` (once). */
  abort(reason: unknown): void {
    if (this.signal.aborted) return;
    this.#controller.abort(reason);
    const linked = [...this.#linked];
    this.#linked.clear();
    for (const item of linked) item.abort(reason);
  }

  /** `item.abort(reason)` will be called if the run aborts while it is linked. */
  link(item: Linked): void {
    this.#linked.add(item);
  }

  unlink(item: Linked): void {
    this.#linked.delete(item);
  }

  /** Items linked now, for tests. */
  get linked(): number {
    return this.#linked.size;
  }
}
