import { ConfigError } from '../errors.js';
import { jsonPathJoin } from './json-path.js';
import type { HandlerConfig } from './types.js';

/** Duplicate ids, unknown `after` ids, waiting on a background hook, cycles: each named. */
export function checkEventGraph(event: string, handlers: readonly HandlerConfig[]): void {
  const byId = new Map<string, HandlerConfig>();
  for (const handler of handlers) {
    const first = byId.get(handler.id);
    if (first) {
      throw new ConfigError(
        'CONFIG_INVALID',
        handler.file,
        jsonPathJoin(handler.jsonPath, 'id'),
        `repeats id "${handler.id}" (already used by ${first.file}: ${first.jsonPath}); ids must be unique within ${event}`,
      );
    }
    byId.set(handler.id, handler);
  }
  for (const handler of handlers) {
    handler.after.forEach((dep, i) => {
      const target = byId.get(dep);
      const at = jsonPathJoin(jsonPathJoin(handler.jsonPath, 'after'), i);
      if (!target) {
        const known = [...byId.keys()].join(', ');
        throw new ConfigError('CONFIG_UNKNOWN_ID', handler.file, at, `names unknown id "${dep}" (ids in ${event}: ${known})`);
      }
      if (target.background) {
        throw new ConfigError('CONFIG_INVALID', handler.file, at, `waits for "${dep}", a background hook, which is never waited for`);
      }
      if (dep === handler.id) throw new ConfigError('CONFIG_CYCLE', handler.file, at, `"${dep}" waits for itself`);
    });
  }
  const cycle = findCycle(handlers);
  if (cycle) {
    const first = byId.get(cycle[0]!)!;
    throw new ConfigError(
      'CONFIG_CYCLE',
      first.file,
      jsonPathJoin('hooks', event),
      `has a dependency cycle: ${cycle.join(' → ')} (each waits for the next, via "after")`,
    );
  }
}

/** A cycle as ids [a, b, …, a] following `after` edges, or undefined. */
export function findCycle(handlers: readonly Pick<HandlerConfig, 'id' | 'after'>[]): string[] | undefined {
  const after = new Map(handlers.map((h) => [h.id, h.after]));
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 1);
    stack.push(id);
    for (const dep of after.get(id) ?? []) {
      if (!after.has(dep)) continue;
      const s = state.get(dep);
      if (s === 1) return [...stack.slice(stack.indexOf(dep)), dep];
      if (s === undefined) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 2);
    return undefined;
  };
  for (const handler of handlers) {
    if (state.has(handler.id)) continue;
    const found = visit(handler.id);
    if (found) return found;
  }
  return undefined;
}
