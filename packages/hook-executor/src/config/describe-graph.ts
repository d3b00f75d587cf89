import { eventSpec, isKnownEvent } from '../events.js';
import { criticalPath } from './critical-path.js';
import type { ExecutorConfig, HandlerConfig } from './types.js';

export interface EventGraph {
  readonly event: string;
  readonly known: boolean;
  /** Hooks by wave: wave 1 starts at once, wave n waits for something in wave n-1. */
  readonly waves: readonly (readonly HandlerConfig[])[];
  /** The longest chain by timeouts (seconds), what the registered timeout must cover. */
  readonly criticalPath: readonly string[];
  readonly worstCaseS: number;
  readonly warnings: readonly string[];
}

function wavesOf(handlers: readonly HandlerConfig[]): HandlerConfig[][] {
  const byId = new Map(handlers.map((h) => [h.id, h]));
  const depth = new Map<string, number>();
  const depthOf = (h: HandlerConfig): number => {
    const known = depth.get(h.id);
    if (known !== undefined) return known;
    const d = 1 + Math.max(0, ...h.after.map((dep) => (byId.has(dep) ? depthOf(byId.get(dep)!) : 0)));
    depth.set(h.id, d);
    return d;
  };
  const waves: HandlerConfig[][] = [];
  for (const h of handlers) (waves[depthOf(h) - 1] ??= []).push(h);
  return waves.filter(Boolean);
}

/** Per event: the waves, the critical path and what looks wrong (for `check`). */
export function describeGraph(config: ExecutorConfig): EventGraph[] {
  return [...config.events].map(([event, handlers]) => {
    const spec = eventSpec(event);
    const warnings: string[] = [];
    if (!isKnownEvent(event)) warnings.push(`${event} is not an event this version knows; its hooks run only if Claude Code sends it`);
    for (const h of handlers) {
      if (h.timeout !== undefined && h.timeout >= 1000) {
        warnings.push(`${h.id}: timeout ${h.timeout} is in seconds (${Math.round(h.timeout / 60)} min); did you mean ${h.timeout / 1000}?`);
      }
      if (h.matcher !== undefined && spec.matcherField === undefined && h.matcher !== '' && h.matcher !== '*') {
        warnings.push(`${h.id}: ${event} has no matcher support; matcher "${h.matcher}" is ignored`);
      }
      if (h.if !== undefined && !spec.ifRules) warnings.push(`${h.id}: "if" applies only to tool events; on ${event} this hook never runs`);
    }
    const { path, total } = criticalPath(
      handlers.map((h) => ({ id: h.id, after: h.after, weight: h.background ? 0 : (h.timeout ?? spec.defaultTimeoutS) })),
    );
    return { event, known: isKnownEvent(event), waves: wavesOf(handlers), criticalPath: path, worstCaseS: total, warnings };
  });
}
