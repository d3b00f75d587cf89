import type { ExecutorConfig, HandlerConfig } from '../config/types.js';
import { eventSpec, matchTarget } from '../events.js';
import type { HookInput } from '../types.js';
import { ifRuleMatches } from './if-rule.js';
import { matcherMatches } from './matcher.js';

/** One matched handler of this run, in config order. */
export interface PlannedHook {
  readonly handler: HandlerConfig;
  /** Why it does not run (`duplicate of x`, `if Bash(git *) did not match`); undefined = it runs. */
  readonly skip?: string;
  /** Dependencies among the hooks that run (unmatched ones are dropped, duplicates mapped). */
  readonly after: readonly string[];
  readonly timeoutMs: number;
}

export interface Selection {
  readonly event: string;
  /** What the matcher saw (tool_name, source…), undefined for events without matchers. */
  readonly target?: string;
  /** Matched handlers in config order, skipped ones included. */
  readonly hooks: readonly PlannedHook[];
  /** A budget for the whole run (SessionEnd), in ms. */
  readonly deadlineMs?: number;
}

function dedupKey(handler: HandlerConfig): string {
  if (handler.type === 'http') return `http\0${handler.url}`;
  if (handler.type === 'module') return `module\0${handler.baseDir ?? ''}\0${handler.module}\0${handler.exportName ?? 'default'}`;
  return `cmd\0${handler.shell ?? 'sh'}\0${handler.command}\0${handler.args ? JSON.stringify(handler.args) : ''}`;
}

/** SessionEnd hooks share one budget: 1.5 s, raised to the largest configured timeout (≤ 60 s). */
function sessionEndBudgetMs(handlers: readonly HandlerConfig[], env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.CLAUDE_CODE_SESSIONEND_HOOKS_TIMEOUT_MS);
  if (fromEnv > 0) return fromEnv;
  const largest = Math.max(0, ...handlers.map((h) => h.timeout ?? 0));
  return Math.min(60, Math.max(1.5, largest)) * 1000;
}

/**
 * The handlers of `event` that match `input`, as Claude Code would pick them: the event's matcher
 * field (§1.3), `if` rules on tool events, and dedup (the same command + args, or the same URL, runs once).
 */
export function selectHooks(config: ExecutorConfig, event: string, input: HookInput, projectDir: string, env = process.env): Selection {
  const spec = eventSpec(event);
  const handlers = config.events.get(event) ?? [];
  const target = matchTarget(event, input);
  const matched = handlers.filter(
    (h) => spec.matcherField === undefined || matcherMatches(h.matcher, target ?? '', spec.strictExactSet),
  );
  const budgetMs = event === 'SessionEnd' ? sessionEndBudgetMs(handlers, env) : undefined;
  const firstByKey = new Map<string, string>();
  const canonical = new Map<string, string>(); // duplicate id → the id that runs
  const skips = new Map<string, string>();
  for (const handler of matched) {
    if (handler.if !== undefined && !ifRuleMatches(handler.if, event, input, projectDir)) {
      skips.set(handler.id, spec.ifRules ? `if ${handler.if} did not match` : `if rules only apply to tool events`);
      continue;
    }
    const key = dedupKey(handler);
    const first = firstByKey.get(key);
    if (first !== undefined) {
      skips.set(handler.id, `duplicate of ${first}`);
      canonical.set(handler.id, first);
    } else {
      firstByKey.set(key, handler.id);
    }
  }
  const running = new Set(matched.filter((h) => !skips.has(h.id)).map((h) => h.id));
  const hooks = matched.map((handler): PlannedHook => {
    const timeoutMs =
      budgetMs === undefined
        ? (handler.timeout ?? spec.defaultTimeoutS) * 1000
        : Math.min(handler.timeout === undefined ? budgetMs : handler.timeout * 1000, budgetMs);
    const after = [
      ...new Set(handler.after.map((dep) => canonical.get(dep) ?? dep).filter((dep) => running.has(dep) && dep !== handler.id)),
    ];
    const skip = skips.get(handler.id);
    return { handler, after, timeoutMs, ...(skip === undefined ? {} : { skip }) };
  });
  return {
    event,
    ...(target === undefined ? {} : { target }),
    hooks,
    ...(budgetMs === undefined ? {} : { deadlineMs: budgetMs }),
  };
}
