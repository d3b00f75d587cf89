import { hookDuration } from './hook-status.js';
import type { HookTiming } from './types.js';

/**
 * The chain of hooks that set the run's wall time: start from the foreground hook that ended last
 * and walk back through `after`, each time to the dependency that ended last (the one its start waited
 * for). Returned first to last. Background and skipped hooks never gate anything.
 */
export function criticalPath(hooks: readonly HookTiming[]): HookTiming[] {
  const ran = hooks.filter((hook) => hook.skipped === undefined && hook.background !== true);
  if (ran.length === 0) return [];
  const byId = new Map(ran.map((hook) => [hook.id, hook]));
  let last = ran[0]!;
  for (const hook of ran) if (hook.end_ms > last.end_ms) last = hook;
  const chain = [last];
  const seen = new Set([last.id]);
  let current = last;
  for (;;) {
    let gate: HookTiming | undefined;
    for (const id of current.after ?? []) {
      const dep = byId.get(id);
      if (dep !== undefined && !seen.has(id) && (gate === undefined || dep.end_ms > gate.end_ms)) gate = dep;
    }
    if (gate === undefined) break;
    chain.push(gate);
    seen.add(gate.id);
    current = gate;
  }
  return chain.reverse();
}

/** Sum of foreground hook durations: what running them one after another would have cost. */
export function sequentialMs(hooks: readonly HookTiming[]): number {
  let sum = 0;
  for (const hook of hooks) {
    if (hook.skipped === undefined && hook.background !== true) sum += hookDuration(hook);
  }
  return sum;
}
