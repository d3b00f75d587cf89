/**
 * When serve's pools may start processes again. A start forks the whole server on its main thread;
 * started while an event is in hand (its last hook just exited, its answer not yet written) it delays
 * that answer, which is what the prompt waits for — and so does one started just before the next
 * event of a burst arrives. So an event holds the gate from its arrival until its answer is written,
 * and the gate opens once no event has held it for `quietMs`. It opens anyway once it has been shut
 * for `maxShutMs` (and a single hold lapses then): steady traffic must not leave the pools empty.
 */
export class RefillGate {
  private holds = 0;
  private shutSince: number | undefined;
  private quiet: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly maxShutMs = 1000,
    private readonly quietMs = 50,
  ) {}

  /** Whether the pools may start processes now. */
  get open(): boolean {
    return this.shutSince === undefined || Date.now() - this.shutSince >= this.maxShutMs;
  }

  /** Holds the gate; call the returned function once the answer is written (again: no effect). */
  hold(): () => void {
    this.holds++;
    clearTimeout(this.quiet);
    this.quiet = undefined;
    this.shutSince ??= Date.now();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(lapse);
      if (--this.holds === 0) this.quiet = setTimeout(() => this.opened(), this.quietMs).unref();
    };
    const lapse = setTimeout(release, this.maxShutMs).unref();
    return release;
  }

  /** Calls `listener` each time the gate opens. */
  onOpen(listener: () => void): void {
    this.listeners.add(listener);
  }

  private opened(): void {
    this.quiet = undefined;
    if (this.holds > 0) return;
    this.shutSince = undefined;
    for (const listener of [...this.listeners]) listener();
  }
}
