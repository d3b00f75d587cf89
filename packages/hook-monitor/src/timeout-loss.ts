// Time lost to timeouts, per hook and per day: how long prompts and tool calls waited for hooks
// that then gave no answer; and how often hook-executor's breaker skipped such a hook instead.
import type { BreakerState } from './breaker-state.js';
import type { HookRunRecord } from './types.js';
import { hookDuration } from './hook-status.js';

export interface HookLoss {
  readonly event: string;
  readonly id: string;
  /** Sum of its timed-out runs' durations, in ms. */
  readonly ms: number;
  readonly timeouts: number;
  /** Events in which the breaker skipped it. */
  readonly breakerSkips: number;
  /** What those skips would have cost at its mean timed-out duration, in ms. */
  readonly savedMs: number;
}

export interface DayLoss {
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Per run, the longest timed-out hook (the event waited for it), summed, in ms. */
  readonly ms: number;
  readonly timeouts: number;
  /** Hooks that timed out that day, most time lost first. */
  readonly hooks: readonly { readonly event: string; readonly id: string; readonly ms: number; readonly timeouts: number }[];
}

export interface TimeoutLoss {
  readonly ms: number;
  readonly timeouts: number;
  /** Hooks that timed out or were skipped by the breaker, most time lost first. */
  readonly hooks: readonly HookLoss[];
  /** Days with a timeout, oldest first. */
  readonly days: readonly DayLoss[];
}

interface Acc {
  ms: number;
  timeouts: number;
  skips: number;
}

const BREAKER = 'breaker open';

export class TimeoutLossBuilder {
  private readonly hooks = new Map<string, Acc & { event: string; id: string }>();
  private readonly days = new Map<string, { ms: number; timeouts: number; hooks: Map<string, Acc & { event: string; id: string }> }>();

  add(record: HookRunRecord): void {
    let longest = 0;
    for (const hook of record.hooks) {
      const timedOut = hook.timed_out && hook.skipped === undefined;
      const skipped = hook.skipped?.startsWith(BREAKER) === true;
      if (!timedOut && !skipped) continue;
      const key = `${record.event}\0${hook.id}`;
      let acc = this.hooks.get(key);
      if (!acc) this.hooks.set(key, (acc = { event: record.event, id: hook.id, ms: 0, timeouts: 0, skips: 0 }));
      if (skipped) {
        acc.skips++;
        continue;
      }
      const ms = hookDuration(hook);
      acc.ms += ms;
      acc.timeouts++;
      longest = Math.max(longest, ms);
      const day = this.dayOf(record.ts);
      let perHook = day.hooks.get(key);
      if (!perHook) day.hooks.set(key, (perHook = { event: record.event, id: hook.id, ms: 0, timeouts: 0, skips: 0 }));
      perHook.ms += ms;
      perHook.timeouts++;
      day.timeouts++;
    }
    if (longest > 0) this.dayOf(record.ts).ms += longest;
  }

  private dayOf(ts: string) {
    const day = ts.slice(0, 10);
    let acc = this.days.get(day);
    if (!acc) this.days.set(day, (acc = { ms: 0, timeouts: 0, hooks: new Map() }));
    return acc;
  }

  finish(): TimeoutLoss {
    const byLoss = <T extends { ms: number }>(a: T, b: T) => b.ms - a.ms;
    const hooks = [...this.hooks.values()]
      .map((h): HookLoss => {
        const savedMs = h.timeouts ? (h.ms / h.timeouts) * h.skips : 0;
        return { event: h.event, id: h.id, ms: h.ms, timeouts: h.timeouts, breakerSkips: h.skips, savedMs };
      })
      .sort((a, b) => byLoss(a, b) || b.breakerSkips - a.breakerSkips);
    const days = [...this.days.entries()]
      .filter(([, d]) => d.timeouts > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([day, d]): DayLoss => {
        const hooks = [...d.hooks.values()].map(({ event, id, ms, timeouts }) => ({ event, id, ms, timeouts })).sort(byLoss);
        return { day, ms: d.ms, timeouts: d.timeouts, hooks };
      });
    return { ms: days.reduce((n, d) => n + d.ms, 0), timeouts: hooks.reduce((n, h) => n + h.timeouts, 0), hooks, days };
  }
}

/** A breaker that is open now, as the report lists it. */
export interface OpenBreaker {
  readonly event: string;
  readonly id: string;
  readonly failures: number;
  /** ISO time until which the hook is skipped. */
  readonly until: string;
}

export function openBreakers(state: BreakerState, now: number): OpenBreaker[] {
  return Object.values(state.hooks)
    .filter((e) => e.openUntil !== undefined && e.openUntil > now)
    .map((e) => ({ event: e.event, id: e.id, failures: e.failures, until: new Date(e.openUntil!).toISOString() }));
}
