// The public contract of parallel-core. Every other package codes against these types.
import type { AdaptiveLimit } from './adaptive-limit.js';

/** The outcome of one task, kept in place of a thrown error (settle-all mode). */
export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/** What a task receives besides its item. */
export interface TaskContext {
  /** Aborted when the run is cancelled (caller's signal, failFast, cancelWhen) or this attempt times out. */
  readonly signal: AbortSignal;
  /** Position of the item in the input (0-based). */
  readonly index: number;
  /** 1 for the first try, 2 for the first retry, … */
  readonly attempt: number;
}

export type Mapper<T, R> = (item: T, context: TaskContext) => R | PromiseLike<R>;

export type Input<T> = Iterable<T> | AsyncIterable<T>;

/** Exponential backoff with full jitter; honours `retry-after-ms` / `retry-after` carried by errors. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 3 */
  readonly retries?: number;
  /** First backoff ceiling in ms. @default 250 */
  readonly minDelayMs?: number;
  /** Largest backoff in ms (a server's retry-after is honoured up to `maxRetryAfterMs`). @default 20_000 */
  readonly maxDelayMs?: number;
  /** Longest server-requested wait honoured, in ms; longer ones fail the task. @default 60_000 */
  readonly maxRetryAfterMs?: number;
  /** Growth factor per attempt. @default 2 */
  readonly factor?: number;
  /** 'full' (random in [0, ceiling]) or 'none'. @default 'full' */
  readonly jitter?: 'full' | 'none';
  /** Shared cap on retries across the whole run (or a RetryBudget shared across runs). */
  readonly budget?: number | RetryBudgetLike;
  /** Decide if an error is worth retrying; default: 408/409/429/5xx statuses, network errors, task timeouts. */
  readonly shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Told about each retry before it waits (for progress and logs). */
  readonly onRetry?: (info: { error: unknown; attempt: number; delayMs: number; index: number }) => void;
}

export interface RetryBudgetLike {
  /** Takes one retry from the budget; false when it is spent. */
  take(): boolean;
  readonly remaining: number;
}

/**
 * Requests and tokens per minute, as token buckets. With neither rate (`{}`), nothing is paced: the
 * limiter only pauses when a server says so (x-ratelimit-remaining-* of 0 with a reset, retry-after).
 */
export interface RateLimitOptions {
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
  /** Estimated tokens an item will cost (for tokensPerMinute). @default () => 1 */
  readonly tokens?: (item: unknown) => number;
  /** Requests that may start at once before the rate applies. @default one second's worth, `ceil(requestsPerMinute / 60)` */
  readonly burst?: number;
  /** Tokens that may be spent at once. @default one second's worth, `ceil(tokensPerMinute / 60)` */
  readonly burstTokens?: number;
}

/** AIMD concurrency: multiply the limit by `decrease` on a 429, add 1 after `increaseAfter` successes. */
export interface AdaptiveOptions {
  /** @default 1 */
  readonly min?: number;
  /** @default the run's concurrency */
  readonly max?: number;
  /** @default 0.5 */
  readonly decrease?: number;
  /** Successes needed to grow the limit by one. @default 10 */
  readonly increaseAfter?: number;
  /** Which errors are overload signals. @default status 429 or 529 (or 503 with retry-after) */
  readonly isOverload?: (error: unknown) => boolean;
  /** Told whenever the limit changes. */
  readonly onChange?: (limit: number) => void;
}

export interface ProgressOptions {
  /** Shown before the counts. */
  readonly label?: string;
  /** Total items when known (enables ETA). */
  readonly total?: number;
  /** Where to draw. @default process.stderr */
  readonly stream?: NodeJS.WriteStream;
  /** Force on/off; default: on only when the stream is a TTY and CI is not set. */
  readonly enabled?: boolean;
}

/**
 * Policies shared by pmap, pstream and runGraph. Every option may be `undefined`, which means the
 * same as leaving it out, so callers can forward their own optional settings as they are.
 */
export interface PoolOptions {
  /** Tasks running at once; an integer ≥ 1 or Infinity. @default 50 */
  readonly concurrency?: number | undefined;
  /** Per-attempt time limit in ms, counted from the moment the task starts. */
  readonly timeoutMs?: number | undefined;
  /** Cancels the whole run; passed (combined) into every task. */
  readonly signal?: AbortSignal | undefined;
  /** A number is shorthand for `{ retries: n }`. */
  readonly retry?: number | RetryOptions | undefined;
  readonly rateLimit?: RateLimitOptions | RateLimiterLike | undefined;
  /** `true` for defaults; an AdaptiveLimit instance to read `.current` or share one limit between runs. */
  readonly adaptive?: boolean | AdaptiveOptions | AdaptiveLimit | undefined;
  /** `true` for defaults; a reporter object (`createProgress`) to share one display. */
  readonly progress?: boolean | ProgressOptions | ProgressReporter | undefined;
  /** Latency of every successful task is recorded here. */
  readonly stats?: LatencyRecorder | undefined;
}

export interface RateLimiterLike {
  /** Resolves when `tokens` may be spent now; rejects if the signal aborts. */
  acquire(tokens?: number, signal?: AbortSignal): Promise<void>;
  /** Estimated tokens an item costs (asked before each attempt); 1 when absent. */
  cost?(item: unknown): number;
  /** Told the headers of failed attempts' errors (x-ratelimit-*, retry-after). */
  observe?(headers: unknown): void;
}

export interface LatencyRecorder {
  record(ms: number): void;
}

export interface PmapOptions extends PoolOptions {
  /** Reject on the first error (after retries), abort the shared signal and stop pulling input. @default false */
  readonly failFast?: boolean | undefined;
}

export type PstreamOptions = PoolOptions;

/** A pstream result: the settled outcome with the item's index. */
export type StreamResult<T, R> = Settled<R> & { readonly index: number; readonly item: T };

export interface GraphNode<R = unknown> {
  readonly id: string;
  /** Ids this node waits for. */
  readonly after?: readonly string[];
  /** This node's own per-attempt time limit in ms, instead of the run's `timeoutMs`. */
  readonly timeoutMs?: number;
  /** `deps` holds the values of the nodes named in `after`. */
  run(signal: AbortSignal, deps: ReadonlyMap<string, R>): R | PromiseLike<R>;
}

export interface GraphOptions<R = unknown> extends PoolOptions {
  /** Called with each successful result; returning true aborts everything still running or waiting. */
  readonly cancelWhen?: (result: R, id: string) => boolean;
  /** Abort everything on the first failure. @default false */
  readonly failFast?: boolean;
}

export type NodeOutcome<R> =
  | { readonly id: string; readonly status: 'ok'; readonly value: R; readonly startMs: number; readonly endMs: number }
  | { readonly id: string; readonly status: 'failed'; readonly error: unknown; readonly startMs: number; readonly endMs: number }
  | {
      readonly id: string;
      readonly status: 'skipped';
      /** e.g. "dependency `lint` failed" or "dependency `test` was skipped (`lint` failed)". */
      readonly reason: string;
      /** The dependency in `after` that did not succeed. */
      readonly dependency: string;
      /** The failed node at the root of the chain. */
      readonly failed: string;
    }
  | { readonly id: string; readonly status: 'cancelled'; readonly startMs?: number; readonly endMs?: number };

export interface GraphResult<R> {
  /** One outcome per node, in the order the nodes were given. `startMs`/`endMs` are offsets from the run's start. */
  readonly outcomes: readonly NodeOutcome<R>[];
  /** Same outcomes by id. */
  readonly byId: ReadonlyMap<string, NodeOutcome<R>>;
  /** True when cancelWhen, failFast or the caller's signal stopped the run. */
  readonly cancelled: boolean;
  readonly wallMs: number;
}

export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** Counts a progress display shows. */
export interface ProgressState {
  readonly label?: string;
  readonly total?: number;
  readonly done: number;
  readonly inFlight: number;
  readonly failed: number;
  readonly retried: number;
}

/** A progress display (see `createProgress`); runs drive it with `add`, tools may also drive it by hand. */
export interface ProgressReporter {
  /** False when nothing is drawn (not a TTY, CI set, or `enabled: false`); runs then skip it entirely. */
  readonly enabled: boolean;
  /** Sets fields to the given values. */
  update(change: Partial<ProgressState>): void;
  /** Adds `n` (default 1, may be negative) to a counter. */
  add(field: 'done' | 'inFlight' | 'failed' | 'retried', n?: number): void;
  /** The current counts. */
  readonly state: ProgressState;
  /** The line as it is drawn now. */
  text(): string;
  /** Stops drawing; the final line stays on screen unless `clear` is true. */
  stop(options?: { readonly clear?: boolean }): void;
}
