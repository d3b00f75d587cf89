import { AdaptiveLimit, pstream, type ProgressReporter, type RateLimiterLike } from '@fanout/parallel-core';
import { isRetryable, roundUsd, secretsFromEnv, type OracleClient, type Persona } from '@fanout/oracle';
import type { EarlyStop, StopReason } from './early-stop.js';
import type { Extractor } from './extract.js';
import { SwarmAggregate } from './aggregate.js';
import { swarmBudgetGate, type SwarmBudget, type SwarmBudgetGate } from './cost/budget-gate.js';
import type { SwarmCost } from './cost/swarm-cost.js';
import { progressLine } from './progress.js';
import { createItemCaller } from './item-caller.js';
import { isFlexUnavailable, isRateLimitSignal, type FlexRetryOptions } from './flex.js';
import { createRequestBuilder } from './request-builder.js';
import type { EndpointRouter } from './endpoints/endpoint-router.js';
import { UsageError } from './errors.js';
import { formatRecord, type ResultRecord } from './result-record.js';
import { ResultsWriter } from './results-writer.js';
import { scanResults, type ResumeScan } from './resume-reader.js';
import type { BudgetSummary, SwarmSummary } from './summary.js';
import type { ItemSource } from './work-items.js';

export interface SwarmOptions {
  /** Where the calls go; required unless `router` shares them among several endpoints. */
  readonly client?: OracleClient;
  /**
   * Several endpoints (`--endpoint`): each item goes to one with room, by measured capacity;
   * `concurrency`, `rateLimit` and `adaptive` are then per endpoint, in the router.
   */
  readonly router?: EndpointRouter;
  /** The work: `promptSource(…)` or `inputSource(…)`. */
  readonly source: ItemSource;
  /** Personas by name, for items that carry one (system prompt, model, temperature). */
  readonly personas?: ReadonlyMap<string, Persona>;
  /** Appended to every system prompt. */
  readonly system?: string;
  /** Overrides every persona's model and the client's default. */
  readonly model?: string;
  readonly temperature?: number;
  readonly maxTokens?: number;
  /** Calls at once. @default 50 */
  readonly concurrency?: number;
  /** Retries per item after the first attempt (429s, 5xx, dropped connections, timeouts). @default 5 */
  readonly retries?: number;
  /** Per-attempt time limit in ms. */
  readonly timeoutMs?: number;
  /** Pacing: requests/tokens per minute, plus whatever `x-ratelimit-*` headers say. */
  readonly rateLimit?: RateLimiterLike;
  /** AIMD concurrency on 429s (halve, then +1 per 10 successes). @default true */
  readonly adaptive?: boolean;
  /** Told each time the adaptive limit changes. */
  readonly onLimitChange?: (limit: number) => void;
  /**
   * OpenAI's flex processing: every request asks for `service_tier: "flex"`, and its 429 "Resource
   * Unavailable" answers are tried again with their own backoff (`flexRetry`, not counted against
   * `retries`); like every such answer they never cut the adaptive concurrency.
   */
  readonly flex?: boolean;
  readonly flexRetry?: FlexRetryOptions;
  /** results.jsonl; without it nothing is written (e.g. a vote-only run). */
  readonly out?: string;
  /** Skip ids already in `out` and append the rest. @default false */
  readonly resume?: boolean;
  /** With `resume`, run failed ids again (their lines are removed first). @default false */
  readonly retryFailed?: boolean;
  /** Count votes, extracting each answer with this. */
  readonly extract?: Extractor;
  /** Stop once the vote is decided (needs `extract`). */
  readonly earlyStop?: EarlyStop;
  /** Cancels the run (Ctrl-C): in-flight calls are aborted and the summary says `interrupted`. */
  readonly signal?: AbortSignal;
  /** `true`: a progress line on stderr (TTY only, never under CI); or a reporter to drive. */
  readonly progress?: boolean | ProgressReporter;
  /** Told what the results file held before a resumed run starts (`skipped`: ids of this work found there). */
  readonly onResume?: (scan: ResumeScan, skipped: number) => void;
  /** Told about every record written (completion order). */
  readonly onResult?: (record: ResultRecord) => void;
  /** Texts redacted from every answer and error before they are written or voted on. @default the environment's keys (`*_API_KEY`, `*_TOKEN`…) */
  readonly secrets?: Iterable<string | undefined>;
  /** Price every answer: `cost_usd` in each record and in the summary, with the cache-hit share. */
  readonly cost?: SwarmCost;
  /**
   * Spending limits for the whole work (a resumed run's earlier records count): no call starts that
   * could cross one; the calls in flight finish (kept) or are cancelled (`onBudget`), and the summary's
   * `budget.stopped` says which limit stopped the run. Dollars need `cost`.
   */
  readonly budget?: SwarmBudget;
}

/** Summary plus the things a caller may want beyond the JSON shape. */
export interface SwarmReport extends SwarmSummary {
  /** Concurrency limit at the end of the run (adaptive, one endpoint). */
  readonly final_concurrency?: number;
}

// oracle's codes for errors that no retry and no other item can get past.
const FATAL_CODES = new Set(['AUTH', 'UNKNOWN_MODEL']);

/**
 * Runs every item of the source through the client at bounded concurrency, streaming one JSONL line
 * per answer to `out` as they complete, and returns streaming aggregates only (latency histogram,
 * token sums, vote counts): memory does not grow with the number of items.
 */
export async function runSwarm(options: SwarmOptions): Promise<SwarmReport> {
  const { client, source, earlyStop, router } = options;
  if (!client && !router) throw new UsageError('runSwarm needs a client (or a router of several endpoints)');
  const concurrency = options.concurrency ?? 50;
  const agg = new SwarmAggregate(options.extract, options.secrets ?? secretsFromEnv(process.env), options.cost);
  const tally = agg.tally;

  // Resuming: what the file already holds counts as done, and its answers count as votes.
  const done =
    options.resume && options.out
      ? scanResults(options.out, {
          dropFailed: options.retryFailed,
          onRecord: (record) => void (source.belongs(record.id) && agg.addPrior(record)),
        })
      : undefined;
  const total = source.n - agg.skipped;
  if (done) options.onResume?.(done, agg.skipped);
  const progress = options.progress === true ? progressLine('swarm', total) : options.progress || undefined;

  let writerError: Error | undefined;
  const writer = options.out ? new ResultsWriter(options.out, { append: options.resume, onError: (e) => (writerError = e) }) : undefined;
  const build = createRequestBuilder(options.flex ? { ...options, serviceTier: 'flex' } : options);
  let minLimit = concurrency;
  let stopReason: StopReason | undefined;
  let interrupted = false;
  const limiter = options.rateLimit;

  const adaptive =
    options.adaptive === false
      ? undefined
      : new AdaptiveLimit({
          max: concurrency,
          isOverload: isRateLimitSignal,
          onChange(limit) {
            if (limit < minLimit) minLimit = limit;
            options.onLimitChange?.(limit);
          },
        });

  // One mapper for every item: the per-item state lives on the item itself, not in a closure.
  const onRetry = () => void agg.retried++;
  const caller = router
    ? router.caller(build, { retries: options.retries ?? 5, onRetry, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) })
    : createItemCaller(client!, build, limiter, options.flex ? { retry: options.flexRetry ?? {}, onRetry } : undefined);

  const startedAt = performance.now();
  const work = done === undefined ? source.items(undefined) : source.items(done.ids);
  const gate = options.budget && swarmBudgetGate(options.budget, { usd: agg.prior.usd, tokens: agg.prior.tokens }, build, options.cost);
  // `--on-budget cancel` aborts the calls in flight once the budget stops; after the pull that
  // stopped it has returned (the pool is inside that pull when the gate decides).
  const budgetCancel = new AbortController();
  const onBudgetStop = () => void (gate?.onBudget === 'cancel' && queueMicrotask(() => budgetCancel.abort(new Error('budget reached'))));
  const items = gate ? gate.items(work, onBudgetStop) : work;
  const signal = gate && options.signal ? AbortSignal.any([options.signal, budgetCancel.signal]) : gate ? budgetCancel.signal : options.signal;
  // With a router, retries, time limits, pacing and AIMD happen per endpoint inside it.
  const stream = router
    ? pstream(items, caller.call, { concurrency: router.capacity, signal, progress })
    : pstream(items, caller.call, {
        concurrency,
        // Flex's unavailable answers were already tried again, with flex's own backoff, in the caller.
        retry: { retries: options.retries ?? 5, shouldRetry: options.flex ? (e: unknown) => isRetryable(e) && !isFlexUnavailable(e) : isRetryable, onRetry },
        timeoutMs: options.timeoutMs,
        rateLimit: limiter,
        adaptive,
        signal,
        progress,
      });

  try {
    for await (const r of stream) {
      const item = r.item;
      const record = r.ok
        ? agg.success(item, r.value.content, r.value.usage, r.value.ms)
        : agg.failure(item, r.error, item.startedAt ? performance.now() - item.startedAt : 0);
      gate?.done(item, record.usage, record.cost_usd);
      writer?.push(formatRecord(record));
      options.onResult?.(record);
      if (writerError) throw writerError;
      // A wrong key or model fails every call the same way: say so once instead of N times.
      if (!r.ok && FATAL_CODES.has((r.error as { code?: unknown } | null)?.code as string)) throw r.error;
      if (earlyStop && tally) {
        stopReason = earlyStop.check(tally.leaderCount, tally.runnerUpCount, tally.total, total - agg.answered);
        // Leaving the loop ends the stream: its signal aborts every request still in flight.
        if (stopReason) break;
      }
    }
  } catch (error) {
    // The budget's own cancel is a stop like the gate's, not an interrupt.
    if (!budgetCancel.signal.aborted || options.signal?.aborted) {
      if (!options.signal?.aborted) throw error;
      interrupted = true;
    }
  } finally {
    writer?.close();
    if (options.progress === true) progress?.stop();
  }

  const answered = agg.answered;
  const cancelled = caller.started - answered;
  const wallMs = performance.now() - startedAt;
  return {
    ...agg.summary(source.n, wallMs),
    ...(stopReason ? { early_stopped: true, stop_reason: stopReason, saved_calls: total - answered, cancelled } : {}),
    ...(interrupted ? { interrupted: true, cancelled } : {}),
    ...(adaptive && !router && minLimit < concurrency ? { min_concurrency: minLimit, final_concurrency: adaptive.current } : {}),
    ...(router ? { endpoints: router.figures(wallMs) } : {}),
    ...(gate ? { budget: budgetSummary(gate, options.budget!, total - caller.started) } : {}),
    ...(gate?.guard.stopped && cancelled > 0 ? { cancelled } : {}),
  };
}

function budgetSummary(gate: SwarmBudgetGate, budget: SwarmBudget, notStarted: number): BudgetSummary {
  const { guard } = gate;
  return {
    ...(budget.limits.maxCostUsd !== undefined ? { max_cost_usd: budget.limits.maxCostUsd } : {}),
    ...(budget.limits.maxTokens !== undefined ? { max_total_tokens: budget.limits.maxTokens } : {}),
    spent_usd: roundUsd(guard.spentUsd),
    spent_tokens: guard.spentTokens,
    ...(guard.stopped ? { stopped: guard.stopped, not_started: notStarted } : {}),
  };
}
