/**
 * When serve's pools may start processes again. A start forks the whole server on its main thread;
 * started while an event is in hand (its last hook just exited, its answer not yet written) it delays
 * that answer, which is what the prompt waits for. So an event holds the gate from its arrival until
 * its answer is written, and the pools refill once no event holds it. A hold lapses by itself after
 * `maxHoldMs`: one long event must not leave the pools empty for the sessions that come next.
 */
export class RefillGate {
  private holds = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly maxHoldMs = 1000) {}

  /** Whether the pools may start processes now. */
  get open(): boolean {
    return this.holds === 0;
  }

  /** Holds the gate; call the returned function once the answer is written (again: no effect). */
  hold(): () => void {
    this.holds++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(lapse);
      if (--this.holds === 0) for (const listener of [...this.listeners]) listener();
    };
    const lapse = setTimeout(release, this.maxHoldMs).unref();
    return release;
  }

  /** Calls `listener` each time the gate opens. */
  onOpen(listener: () => void): void {
    this.listeners.add(listener);
  }
}
