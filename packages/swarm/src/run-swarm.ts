import { AdaptiveLimit, createProgress, LatencyStats, pstream, type ProgressReporter, type RateLimiterLike } from '@fanout/parallel-core';
import { isRetryable, type OracleClient, type Persona } from '@fanout/oracle';
import type { EarlyStop, StopReason } from './early-stop.js';
import type { Extractor } from './extract.js';
import { normaliseAnswer } from './normalise.js';
import { createItemCaller } from './item-caller.js';
import { createRequestBuilder } from './request-builder.js';
import { formatRecord, type ResultRecord } from './result-record.js';
import { ResultsWriter } from './results-writer.js';
import { scanResults, type ResumeScan } from './resume-reader.js';
import type { SwarmSummary } from './summary.js';
import { VoteTally } from './vote-tally.js';
import type { ItemSource } from './work-items.js';

export interface SwarmOptions {
  readonly client: OracleClient;
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
}

/** Summary plus the things a caller may want beyond the JSON shape. */
export interface SwarmReport extends SwarmSummary {
  /** Concurrency limit at the end of the run (adaptive). */
  readonly final_concurrency?: number;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Runs every item of the source through the client at bounded concurrency, streaming one JSONL line
 * per answer to `out` as they complete, and returns streaming aggregates only (latency histogram,
 * token sums, vote counts): memory does not grow with the number of items.
 */
export async function runSwarm(options: SwarmOptions): Promise<SwarmReport> {
  const { client, source, extract, earlyStop } = options;
  const concurrency = options.concurrency ?? 50;
  const tally = extract ? new VoteTally() : undefined;
  let skipped = 0;
  let unanswered = 0;

  // Resuming: what the file already holds counts as done, and its answers count as votes.
  const priorAnswer = (record: Record<string, unknown>): string | null | undefined => {
    if (typeof record.answer === 'string' || record.answer === null) return record.answer;
    if (typeof record.content !== 'string') return undefined;
    const raw = extract!(record.content);
    return raw === undefined ? null : normaliseAnswer(raw);
  };
  const done =
    options.resume && options.out
      ? scanResults(options.out, {
          dropFailed: options.retryFailed,
          onRecord(record) {
            if (!source.belongs(record.id)) return;
            skipped++;
            if (!tally || record.error !== undefined) return;
            const answer = priorAnswer(record);
            if (answer === null) unanswered++;
            else if (answer !== undefined) tally.add(answer);
          },
        })
      : undefined;
  const total = source.n - skipped;
  if (done) options.onResume?.(done, skipped);
  const progress = options.progress === true ? createProgress({ label: 'swarm', total }) : options.progress || undefined;

  let writerError: Error | undefined;
  const writer = options.out ? new ResultsWriter(options.out, { append: options.resume, onError: (e) => (writerError = e) }) : undefined;
  const stats = new LatencyStats();
  const build = createRequestBuilder(options);
  let ok = 0;
  let failed = 0;
  let retried = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let minLimit = concurrency;
  let stopReason: StopReason | undefined;
  let interrupted = false;
  const limiter = options.rateLimit;

  const adaptive =
    options.adaptive === false
      ? undefined
      : new AdaptiveLimit({
          max: concurrency,
          onChange(limit) {
            if (limit < minLimit) minLimit = limit;
            options.onLimitChange?.(limit);
          },
        });

  // One mapper for every item: the per-item state lives on the item itself, not in a closure.
  const caller = createItemCaller(client, build, limiter, { concurrency, perAttemptSignals: options.timeoutMs !== undefined });

  const startedAt = performance.now();
  const stream = pstream(done === undefined ? source.items(undefined) : source.items(done.ids), caller.call, {
    concurrency,
    retry: { retries: options.retries ?? 5, shouldRetry: isRetryable, onRetry: () => void retried++ },
    timeoutMs: options.timeoutMs,
    rateLimit: limiter,
    adaptive,
    signal: options.signal,
    progress,
  });

  try {
    for await (const r of stream) {
      const item = r.item;
      let record: ResultRecord;
      if (r.ok) {
        const v = r.value;
        ok++;
        stats.record(v.ms);
        promptTokens += v.usage.prompt_tokens;
        completionTokens += v.usage.completion_tokens;
        let answer: string | null | undefined;
        if (tally) {
          const raw = extract!(v.content);
          answer = raw === undefined ? null : normaliseAnswer(raw);
          if (answer === null) unanswered++;
          else tally.add(answer);
        }
        record = { id: item.id, persona: item.persona, content: v.content, usage: v.usage, ms: v.ms, attempts: item.attempts, answer };
      } else {
        failed++;
        record = {
          id: item.id,
          persona: item.persona,
          content: null,
          usage: null,
          ms: item.startedAt ? performance.now() - item.startedAt : 0,
          attempts: item.attempts,
          error: errorText(r.error),
        };
      }
      writer?.push(formatRecord(record));
      options.onResult?.(record);
      if (writerError) throw writerError;
      if (earlyStop && tally) {
        stopReason = earlyStop.check(tally.leaderCount, tally.runnerUpCount, tally.total, total - ok - failed);
        // Leaving the loop ends the stream: its signal aborts every request still in flight.
        if (stopReason) break;
      }
    }
  } catch (error) {
    if (!options.signal?.aborted) throw error;
    interrupted = true;
  } finally {
    writer?.close();
    if (options.progress === true) progress?.stop();
  }

  const wallMs = performance.now() - startedAt;
  const latency = stats.summary();
  const answered = ok + failed;
  const summary: SwarmReport = {
    n: source.n,
    ok,
    failed,
    ...(skipped > 0 ? { skipped } : {}),
    wall_ms: Math.round(wallMs),
    rps: wallMs > 0 ? Math.round((answered / wallMs) * 1000 * 10) / 10 : 0,
    latency_ms: { p50: Math.round(latency.p50), p95: Math.round(latency.p95), p99: Math.round(latency.p99) },
    tokens: { prompt: promptTokens, completion: completionTokens },
    retried,
    ...(tally ? voteFields(tally, unanswered) : {}),
    ...(stopReason ? { early_stopped: true, stop_reason: stopReason, saved_calls: total - answered, cancelled: caller.started - answered } : {}),
    ...(interrupted ? { interrupted: true, cancelled: caller.started - answered } : {}),
    ...(adaptive && minLimit < concurrency ? { min_concurrency: minLimit, final_concurrency: adaptive.current } : {}),
  };
  return summary;
}

function voteFields(tally: VoteTally, unanswered: number) {
  const votes: Record<string, number> = {};
  for (const [answer, count] of tally.distribution(100)) votes[answer] = count;
  return {
    votes,
    winner: tally.leader ?? null,
    agreement: Math.round(tally.agreement * 10_000) / 10_000,
    ...(unanswered > 0 ? { unanswered } : {}),
  };
}
