import type { StopReason } from './early-stop.js';
import type { EndpointFigures } from './endpoints/routed-endpoint.js';
import { formatUsd } from '@fanout/oracle/cost';
import { formatCount as int } from '@fanout/cli-kit/format';

/** The `--json` summary (design §4), with optional fields only when they apply. */
export interface SwarmSummary {
  /** Items in the work, skipped ones included. */
  readonly n: number;
  readonly ok: number;
  readonly failed: number;
  /** Items already in the results file (`--resume`). */
  readonly skipped?: number;
  /** `--shard i/k`: the share of the work this run did (`n` counts its items only). */
  readonly shard?: string;
  /** Malformed input lines skipped (`--skip-invalid`). */
  readonly invalid?: number;
  readonly wall_ms: number;
  /** Calls answered (ok + failed) per second of wall time. */
  readonly rps: number;
  readonly latency_ms: { readonly p50: number; readonly p95: number; readonly p99: number };
  /** This run's tokens; `cached`: prompt tokens the provider served from its prompt cache. */
  readonly tokens: { readonly prompt: number; readonly completion: number; readonly cached?: number };
  /** US dollars of this run's calls at the price table's prices; null when a model has no price (`unpriced`). */
  readonly cost_usd?: number | null;
  /** Cached prompt tokens over prompt tokens. */
  readonly cache_hit_share?: number;
  /** `provider/model` of the models without a price. */
  readonly unpriced?: readonly string[];
  /** `--max-cost`/`--max-total-tokens`: the limits, the whole work's spending (earlier runs included), and a stop. */
  readonly budget?: BudgetSummary;
  /** Retries made across all items. */
  readonly retried: number;
  /** Answer → votes, most first (at most 100 answers). */
  readonly votes?: Readonly<Record<string, number>>;
  readonly winner?: string | null;
  /** The winner's share of the votes. */
  readonly agreement?: number;
  /** Answered calls whose reply held no extractable answer. */
  readonly unanswered?: number;
  readonly early_stopped?: boolean;
  readonly stop_reason?: StopReason;
  /** Calls not made or not finished thanks to the early stop. */
  readonly saved_calls?: number;
  /** In-flight requests aborted by the early stop or an interrupt. */
  readonly cancelled?: number;
  /** Stopped by a signal (Ctrl-C) before the end; `--resume` finishes the rest. */
  readonly interrupted?: boolean;
  /** Lowest concurrency the adaptive limit fell to, when it ever fell. */
  readonly min_concurrency?: number;
  /** Several endpoints (`--endpoint`): what each one did, in the order given. */
  readonly endpoints?: readonly EndpointFigures[];
}

export interface BudgetSummary {
  readonly max_cost_usd?: number;
  readonly max_total_tokens?: number;
  readonly spent_usd: number;
  readonly spent_tokens: number;
  /** The limit that stopped the scheduling of calls. */
  readonly stopped?: 'max-cost' | 'max-total-tokens';
  /** Items never started because of it (`--resume` with a higher limit runs them). */
  readonly not_started?: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The `votes:` and `winner:` lines of a text summary (none without votes). */
export function voteLines(s: Pick<SwarmSummary, 'votes' | 'winner' | 'agreement' | 'unanswered'>): string[] {
  if (!s.votes) return [];
  const entries = Object.entries(s.votes);
  const total = entries.reduce((sum, [, c]) => sum + c, 0);
  const shown = entries.slice(0, 10).map(([answer, count]) => `${JSON.stringify(answer)} ${int(count)} (${pct(total ? count / total : 0)})`);
  return [
    `votes: ${shown.join(', ') || 'none'}${entries.length > 10 ? `, … ${entries.length - 10} more` : ''}` +
      `${s.unanswered ? `; ${int(s.unanswered)} without an answer` : ''}`,
    s.winner == null ? 'winner: none' : `winner: ${JSON.stringify(s.winner)} (agreement ${pct(s.agreement ?? 0)})`,
  ];
}

function cachedText(s: SwarmSummary): string {
  return s.tokens.cached ? ` (${int(s.tokens.cached)} cached, ${pct(s.cache_hit_share ?? 0)})` : '';
}

function costText(s: SwarmSummary): string {
  if (s.cost_usd === undefined) return '';
  return s.cost_usd === null ? `; cost unknown (no price for ${(s.unpriced ?? []).join(', ')})` : `; ${formatUsd(s.cost_usd)}`;
}

function budgetLine(b: BudgetSummary): string {
  const limit = b.stopped === 'max-cost' ? `--max-cost ${formatUsd(b.max_cost_usd ?? 0)}` : `--max-total-tokens ${int(b.max_total_tokens ?? 0)}`;
  const spent = b.stopped === 'max-cost' ? formatUsd(b.spent_usd) : `${int(b.spent_tokens)} tokens`;
  return `budget: stopped by ${limit}: ${spent} spent by this work, ${int(b.not_started ?? 0)} items not started`;
}

/** The plain-text summary printed without `--json`. */
export function formatSummary(s: SwarmSummary, out: string | undefined): string {
  const lines: string[] = [];
  const extra = [s.skipped ? `${int(s.skipped)} skipped` : '', s.invalid ? `${int(s.invalid)} invalid lines` : ''].filter(Boolean).join(', ');
  lines.push(
    `swarm: ${int(s.n)} items${s.shard ? ` (shard ${s.shard})` : ''}, ${int(s.ok)} ok, ${int(s.failed)} failed${extra ? ` (${extra})` : ''} in ` +
      `${(s.wall_ms / 1000).toFixed(2)} s, ${int(s.rps)} calls/s`,
  );
  // A Batch API run has no per-call latency to show.
  const latency = s.latency_ms.p99 > 0 ? `latency p50 ${int(s.latency_ms.p50)} ms, p95 ${int(s.latency_ms.p95)} ms, p99 ${int(s.latency_ms.p99)} ms; ` : '';
  lines.push(
    `${latency}tokens ${int(s.tokens.prompt)} in${cachedText(s)}, ${int(s.tokens.completion)} out${costText(s)}; ${int(s.retried)} retries${
      s.min_concurrency !== undefined ? `; concurrency fell to ${s.min_concurrency} on 429s` : ''
    }`,
  );
  if (s.budget?.stopped) lines.push(budgetLine(s.budget));
  lines.push(...voteLines(s));
  for (const e of s.endpoints ?? []) {
    const notes = [
      e.rate_limited ? `${int(e.rate_limited)} rate-limited` : '',
      e.errors ? `${int(e.errors)} errors` : '',
      e.down ? `down ${e.down}×` : '',
      e.concurrency.min < e.concurrency.max ? `concurrency ${e.concurrency.max} → ${e.concurrency.min} → ${e.concurrency.final}` : '',
      e.disabled !== undefined ? `dropped: ${e.disabled}` : '',
    ].filter(Boolean);
    lines.push(
      `  ${e.name}: ${int(e.ok)} ok (${pct(e.share)}), ${int(e.rps)} calls/s, ${int(e.attempts)} attempts${notes.length ? `; ${notes.join(', ')}` : ''}`,
    );
  }
  if (s.early_stopped) {
    lines.push(`early stop (${s.stop_reason}): ${int(s.saved_calls ?? 0)} calls saved, ${int(s.cancelled ?? 0)} in flight cancelled`);
  }
  if (s.interrupted) lines.push(`interrupted: ${int(s.cancelled ?? 0)} in flight cancelled; run again with --resume to finish`);
  if (out) lines.push(`results: ${out}`);
  return `${lines.join('\n')}\n`;
}
