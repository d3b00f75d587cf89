/** One line of the benchmark table: a piece of work measured beside what it is compared with. */
export interface BenchRow {
  /** What was done, e.g. "100k no-op tasks". */
  readonly work: string;
  /** The baseline (the seed's sequential or Python-style way) and its median time in ms. */
  readonly baseline?: { readonly name: string; readonly ms: number };
  /** A naive peer (xargs -P, p-map, the openai SDK over p-limit, raw undici) and its median ms. */
  readonly peer?: { readonly name: string; readonly ms: number };
  /** fanout's median in ms (or the measured quantity named by `unit`). */
  readonly fanout: number;
  /** Unit of `fanout`/`baseline`/`peer` values; default "ms". */
  readonly unit?: string;
  /** The measured ratio the target is about, e.g. fanout / p-map. */
  readonly ratio: number;
  /** What the ratio is against, e.g. "p-map". */
  readonly ratioAgainst: string;
  /** The target as text, e.g. "≤ 1.5×". */
  readonly target: string;
  /** Whether the target was met. */
  readonly pass: boolean;
  /** Anything a reader needs to judge the row (RSS, rps, calls cancelled…). */
  readonly note?: string;
}

export interface BenchContext {
  /** `--quick`: fewer repetitions and smaller sizes; the whole run stays under a minute. */
  readonly quick: boolean;
  /** Repetitions per measurement (medians are reported). */
  readonly reps: number;
  /** Progress for the reader, on stderr. */
  log(message: string): void;
}

export interface BenchSuite {
  /** Short name, used by `pnpm bench --only NAME`. */
  readonly name: string;
  /** Whether the suite runs under `--quick`. */
  readonly quick: boolean;
  run(context: BenchContext): Promise<BenchRow[]>;
}
