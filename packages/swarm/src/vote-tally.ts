/** Counts answers in one pass, tracking the leader and runner-up in O(1) per vote. */
export class VoteTally {
  readonly #counts = new Map<string, number>();
  readonly #maxDistinct: number;
  #total = 0;
  #other = 0;
  #leader: string | undefined;
  #leaderCount = 0;
  #runnerUp: string | undefined;
  #runnerUpCount = 0;

  /** @param maxDistinct distinct answers tracked; later new answers are counted as `other` so memory stays bounded. */
  constructor(maxDistinct = 10_000) {
    this.#maxDistinct = maxDistinct;
  }

  add(answer: string): void {
    this.#total++;
    const prev = this.#counts.get(answer);
    if (prev === undefined && this.#counts.size >= this.#maxDistinct) {
      this.#other++;
      return;
    }
    const count = (prev ?? 0) + 1;
    this.#counts.set(answer, count);
    // Counts grow by one at a time, so comparing against the two tracked places is enough.
    if (answer === this.#leader) this.#leaderCount = count;
    else if (count > this.#leaderCount) {
      this.#runnerUp = this.#leader;
      this.#runnerUpCount = this.#leaderCount;
      this.#leader = answer;
      this.#leaderCount = count;
    } else if (answer === this.#runnerUp || count > this.#runnerUpCount) {
      this.#runnerUp = answer;
      this.#runnerUpCount = count;
    }
  }

  /** Votes counted (answers in `other` included). */
  get total(): number {
    return this.#total;
  }

  get leader(): string | undefined {
    return this.#leader;
  }

  get leaderCount(): number {
    return this.#leaderCount;
  }

  get runnerUp(): string | undefined {
    return this.#runnerUp;
  }

  get runnerUpCount(): number {
    return this.#runnerUpCount;
  }

  /** Votes for answers beyond `maxDistinct`. */
  get other(): number {
    return this.#other;
  }

  /** The leader's share of all votes (0 when none). */
  get agreement(): number {
    return this.#total === 0 ? 0 : this.#leaderCount / this.#total;
  }

  /** Answers with their counts, most votes first (ties: first seen first). */
  distribution(limit = Infinity): Array<[answer: string, count: number]> {
    const entries = [...this.#counts];
    entries.sort((a, b) => b[1] - a[1]);
    return Number.isFinite(limit) ? entries.slice(0, limit) : entries;
  }
}
