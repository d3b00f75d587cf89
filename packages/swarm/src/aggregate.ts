import { LatencyStats } from '@fanout/parallel-core';
import { redact } from '@fanout/oracle';
import { PriorSpend, type SwarmCost } from './cost/swarm-cost.js';
import type { Extractor } from './extract.js';
import { normaliseAnswer } from './normalise.js';
import type { ResultRecord, Usage } from './result-record.js';
import type { SwarmSummary } from './summary.js';
import { VoteTally } from './vote-tally.js';

/** What a record needs to know about its item. */
export interface RecordItem {
  readonly id: string;
  readonly persona: string | null;
  readonly attempts: number;
}

/**
 * The streaming aggregates of a run — counts, token sums, a fixed-size latency histogram and the
 * vote tally — and the records built from each outcome. Shared by the direct path and the Batch API
 * path so both write the same lines and the same summary. Every answer and error is redacted here,
 * before it is voted on or written: a server that echoes the key cannot put it in the results file,
 * the vote tally or the summary (the vote normalises case, so redacting later would miss it).
 */
export class SwarmAggregate {
  readonly tally: VoteTally | undefined;
  readonly #extract: Extractor | undefined;
  readonly #latency = new LatencyStats();
  readonly #secrets: readonly string[];
  readonly #cost: SwarmCost | undefined;
  /** What the results file's earlier records spent (budgets count the whole work). */
  readonly prior = new PriorSpend();
  ok = 0;
  failed = 0;
  /** Items of this work already in the results file. */
  skipped = 0;
  unanswered = 0;
  retried = 0;
  promptTokens = 0;
  completionTokens = 0;
  cachedTokens = 0;

  /** `secrets`: texts never to write (the API keys in play); `cost`: price every answer (records and summary). */
  constructor(extract?: Extractor, secrets: Iterable<string | undefined> = [], cost?: SwarmCost) {
    this.#cost = cost;
    this.#extract = extract;
    this.#secrets = [...secrets].filter((s): s is string => s !== undefined);
    this.tally = extract ? new VoteTally() : undefined;
  }

  #vote(content: string): string | null {
    const raw = this.#extract!(content);
    const normalised = raw === undefined ? '' : normaliseAnswer(raw);
    // Nothing left after normalising (punctuation only, or a redacted `***`) is no answer.
    const answer = normalised === '' ? null : normalised;
    if (answer === null) this.unanswered++;
    else this.tally!.add(answer);
    return answer;
  }

  /** A line found in the results file when resuming: counted as skipped, its answer as a vote. */
  addPrior(record: Readonly<Record<string, unknown>>): void {
    this.skipped++;
    this.prior.add(record, this.#cost);
    if (!this.tally || record.error !== undefined) return;
    if (typeof record.answer === 'string') this.tally.add(record.answer);
    else if (record.answer === null) this.unanswered++;
    else if (typeof record.content === 'string') this.#vote(redact(record.content, this.#secrets));
  }

  success(item: RecordItem, answer: string, usage: Usage, ms: number): ResultRecord {
    const content = redact(answer, this.#secrets);
    this.ok++;
    this.#latency.record(ms);
    this.promptTokens += usage.prompt_tokens;
    this.completionTokens += usage.completion_tokens;
    this.cachedTokens += usage.cached_tokens ?? 0;
    const cost = this.#cost?.meter.add(this.#cost.model(item.persona), usage);
    const voted = this.tally ? this.#vote(content) : undefined;
    return { id: item.id, persona: item.persona, content, usage, cost_usd: cost, ms, attempts: item.attempts, answer: voted };
  }

  failure(item: RecordItem, error: unknown, ms: number): ResultRecord {
    this.failed++;
    const message = redact(error instanceof Error ? error.message : String(error), this.#secrets);
    return { id: item.id, persona: item.persona, content: null, usage: null, ms, attempts: item.attempts, error: message };
  }

  get answered(): number {
    return this.ok + this.failed;
  }

  /** The summary's common fields; callers add what only they know (early stop, interrupts…). */
  summary(n: number, wallMs: number): SwarmSummary {
    const latency = this.#latency.summary();
    return {
      n,
      ok: this.ok,
      failed: this.failed,
      ...(this.skipped > 0 ? { skipped: this.skipped } : {}),
      wall_ms: Math.round(wallMs),
      rps: wallMs > 0 ? Math.round((this.answered / wallMs) * 10_000) / 10 : 0,
      latency_ms: { p50: Math.round(latency.p50), p95: Math.round(latency.p95), p99: Math.round(latency.p99) },
      tokens: { prompt: this.promptTokens, completion: this.completionTokens, cached: this.cachedTokens },
      ...(this.#cost ? this.#costFields(this.#cost) : {}),
      retried: this.retried,
      ...(this.tally ? this.#voteFields(this.tally) : {}),
    };
  }

  #costFields(cost: SwarmCost) {
    const totals = cost.meter.totals();
    return { cost_usd: totals.cost_usd, cache_hit_share: totals.cache_hit_share, ...(totals.unpriced.length > 0 ? { unpriced: totals.unpriced } : {}) };
  }

  #voteFields(tally: VoteTally) {
    const votes: Record<string, number> = {};
    for (const [answer, count] of tally.distribution(100)) votes[answer] = count;
    return {
      votes,
      winner: tally.leader ?? null,
      agreement: Math.round(tally.agreement * 10_000) / 10_000,
      ...(this.unanswered > 0 ? { unanswered: this.unanswered } : {}),
    };
  }
}
