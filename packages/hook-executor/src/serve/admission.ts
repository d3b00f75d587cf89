// How many events `serve` runs at once. Each event may start dozens of processes; a thousand
// requests arriving together would otherwise fork tens of thousands at once and run out of file
// descriptors (every hook holds its pipes), so a spawn fails and a hook's decision is lost. The rest
// wait in arrival order; one whose client goes away (Claude Code's timeout) leaves the queue.

export class Admission {
  private active = 0;
  private readonly waiting: { admit: () => void }[] = [];

  constructor(private readonly limit: number) {}

  /** Events waiting for a turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `work` when a turn is free; undefined (without running it) when `signal` aborts first. */
  async run<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T | undefined> {
    if (!(await this.acquire(signal))) return undefined;
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const entry = {
        admit: () => {
          signal.removeEventListener('abort', onAbort);
          this.active++;
          resolve(true);
        },
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.admit();
  }
}
