// What `check` says about the breaker and timeouts, per hook: which rule applies (skipped after N
// timeouts or crashes; a gate, never skipped; off), the breaker's state now, and the timeout
// discipline read from hook-monitor's store (a p95 close to the timeout; no timeout on an event the
// user waits for).
import { defaultStoreDir, readBreakerState, type BreakerState } from '@fanout/hook-monitor/breaker';
import type { ExecutorConfig, HandlerConfig } from '../config/types.js';
import { eventSpec } from '../events.js';
import { describeBreaker, type BreakerView } from './describe.js';
import { breakerKey } from './key.js';
import { duration } from './message.js';
import { breakerSettings } from './settings.js';

/** Events whose hooks hold up the user: the prompt, a tool call or the end of a turn waits for them. */
export const PROMPT_BLOCKING_EVENTS: ReadonlySet<string> = new Set([
  'UserPromptSubmit', 'UserPromptExpansion', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure', 'Stop', 'SubagentStop', 'SessionStart',
]);

/** A p95 at or above this share of the timeout is "near" it. */
const NEAR_TIMEOUT = 0.8;

export interface BreakerRule {
  readonly kind: 'breaker' | 'gate' | 'off';
  /** One line: the rule, and the breaker's state when it has one. */
  readonly text: string;
  /** The same, short, for `check`'s line per hook. */
  readonly tag: string;
  readonly after?: number;
  readonly coolOff?: number;
  /** Why it is a gate. */
  readonly gate?: string;
  readonly state?: BreakerView;
}

/** What the store says about one hook. */
export interface StoreFacts {
  readonly runs: number;
  readonly p95Ms: number;
  readonly timeouts: number;
  /** Runs in which it denied, blocked, exited 2 or said continue: false. */
  readonly blocks: number;
}

/** Per event and id (`event\0id`), from the store (empty when there is none). */
export async function storeFacts(dir = defaultStoreDir()): Promise<Map<string, StoreFacts>> {
  const facts = new Map<string, StoreFacts>();
  try {
    const { loadReport } = await import('@fanout/hook-monitor/report');
    const report = await loadReport({ dir });
    for (const event of report.events) {
      for (const hook of event.hooks)
        facts.set(`${event.event}\0${hook.id}`, { runs: hook.runs, p95Ms: hook.latency.p95, timeouts: hook.timeouts, blocks: hook.blocks });
    }
  } catch {
    // an unreadable store: check says nothing it cannot back
  }
  return facts;
}

export class BreakerRules {
  private readonly state: BreakerState;
  private readonly now = Date.now();
  private readonly config: ExecutorConfig;
  private readonly projectDir: string;
  private readonly facts: ReadonlyMap<string, StoreFacts>;

  constructor(config: ExecutorConfig, projectDir: string, facts: ReadonlyMap<string, StoreFacts>, dir = defaultStoreDir()) {
    this.config = config;
    this.projectDir = projectDir;
    this.facts = facts;
    this.state = readBreakerState(dir);
  }

  rule(event: string, handler: HandlerConfig): BreakerRule {
    if (handler.background) return { kind: 'off', text: 'no breaker: a background hook is never waited for', tag: 'no breaker (background)' };
    const settings = breakerSettings(this.config, handler);
    if (!settings) return { kind: 'off', text: 'breaker off ("breaker": false): never skipped', tag: 'breaker off' };
    const key = breakerKey(event, handler, this.projectDir);
    const entry = this.state.hooks[key];
    const state = entry ? describeBreaker(key, entry, this.now) : undefined;
    const blocks = this.facts.get(`${event}\0${handler.id}`)?.blocks ?? 0;
    const gate = handler.gate
      ? 'gate: true'
      : blocks > 0
        ? `denied or blocked ${blocks} time${blocks === 1 ? '' : 's'} in the store`
        : entry?.blocked
          ? 'it has denied or blocked before'
          : undefined;
    const now = state && state.state !== 'closed' ? `; now ${state.text}` : state && state.failures > 0 ? `; ${state.failures} in a row so far` : '';
    const limits = { after: settings.after, coolOff: settings.coolOff };
    const coolOff = duration(settings.coolOff * 1000);
    const phase =
      state?.state === 'open' ? ', open now' : state?.state === 'half-open' ? ', half-open now' : state?.failures ? `, ${state.failures} in a row now` : '';
    if (gate) {
      const closed = this.config.failClosed ? `; failClosed: after ${settings.after} timeouts or crashes in a row it blocks for ${coolOff}` : '';
      const tag = `gate (${gate}): never skipped${this.config.failClosed ? ', blocks when its breaker opens' : ''}${phase}`;
      return { kind: 'gate', gate, ...limits, text: `a gate (${gate}): never skipped${closed}${now}`, tag, ...(state ? { state } : {}) };
    }
    return {
      kind: 'breaker', ...limits,
      text: `skipped for ${coolOff} after ${settings.after} timeouts or crashes in a row, then tried once${now}`,
      tag: `breaker: ${settings.after} timeouts/crashes in a row → skipped ${coolOff}${phase}`,
      ...(state ? { state } : {}),
    };
  }

  /** Hooks whose p95 in the store is near their timeout, and hooks with no timeout on events the user waits for. */
  warnings(): string[] {
    const warnings: string[] = [];
    for (const [event, handlers] of this.config.events) {
      const spec = eventSpec(event);
      for (const h of handlers) {
        if (h.background) continue;
        const timeoutS = h.timeout ?? spec.defaultTimeoutS;
        const facts = this.facts.get(`${event}\0${h.id}`);
        if (facts && facts.runs > 0 && facts.p95Ms >= NEAR_TIMEOUT * timeoutS * 1000) {
          const timeouts = facts.timeouts ? `, ${facts.timeouts} timeout${facts.timeouts === 1 ? '' : 's'} recorded` : '';
          warnings.push(`${event}: ${h.id}: p95 ${duration(facts.p95Ms)} in the store is near its timeout of ` +
            `${duration(timeoutS * 1000)}${timeouts}: make it faster or give it more time`);
        }
        if (h.timeout === undefined && PROMPT_BLOCKING_EVENTS.has(event)) {
          const settings = this.rule(event, h).kind === 'breaker' ? breakerSettings(this.config, h) : undefined;
          const until = settings ? `on each event until its breaker opens (after ${settings.after})` : 'on every event (the breaker never skips it)';
          const waits = `the user waits ${duration(spec.defaultTimeoutS * 1000)} (Claude Code's default)`;
          warnings.push(`${event}: ${h.id} has no "timeout": if it hangs, ${waits} ${until}`);
        }
      }
    }
    return warnings;
  }
}
