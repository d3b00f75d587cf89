import { GraphError } from './errors.js';
import type { GraphNode } from './types.js';
import { checkFunction, checkNumber, invalid } from './validate.js';

/** A checked graph: dependencies and dependents as node positions. */
export interface GraphShape {
  readonly ids: readonly string[];
  readonly deps: readonly (readonly number[])[];
  readonly dependents: readonly number[][];
}

/**
 * Checks the nodes before anything runs: their shape (TypeError), then duplicate ids, unknown
 * dependencies and cycles (GraphError with GRAPH_DUPLICATE_ID, GRAPH_UNKNOWN_DEPENDENCY, GRAPH_CYCLE).
 */
export function checkGraph(nodes: unknown): GraphShape {
  if (!Array.isArray(nodes)) throw invalid('nodes', 'an array of graph nodes', nodes);
  const position = new Map<string, number>();
  const ids: string[] = [];
  nodes.forEach((node: unknown, i) => {
    if (node === null || typeof node !== 'object') throw invalid(`nodes[${i}]`, 'a graph node `{ id, after, run }`', node);
    const { id, after, run, timeoutMs } = node as GraphNode;
    if (typeof id !== 'string' || id === '') throw invalid(`nodes[${i}].id`, 'a non-empty string', id);
    checkFunction(`nodes[${i}].run`, run);
    if (after !== undefined && (!Array.isArray(after) || !after.every((d) => typeof d === 'string'))) {
      throw invalid(`nodes[${i}].after`, 'an array of node ids', after);
    }
    if (timeoutMs !== undefined) checkNumber(`nodes[${i}].timeoutMs`, timeoutMs, 0, true);
    if (position.has(id)) {
      throw new GraphError('GRAPH_DUPLICATE_ID', `Two nodes have the id \`${id}\` (positions ${position.get(id)} and ${i})`, {
        nodeId: id,
      });
    }
    position.set(id, i);
    ids.push(id);
  });
  const deps = (nodes as GraphNode[]).map((node) =>
    (node.after ?? []).map((dep) => {
      const at = position.get(dep);
      if (at === undefined) {
        throw new GraphError('GRAPH_UNKNOWN_DEPENDENCY', `Node \`${node.id}\` depends on \`${dep}\`, which is not a node`, {
          nodeId: node.id,
          dependencyId: dep,
        });
      }
      return at;
    }),
  );
  const cycle = findCycle(deps);
  if (cycle !== undefined) {
    const names = cycle.map((i) => ids[i]!);
    throw new GraphError('GRAPH_CYCLE', `Dependency cycle: ${names.join(' → ')}`, { nodeId: names[0]!, cycle: names });
  }
  const dependents: number[][] = ids.map(() => []);
  deps.forEach((list, i) => {
    for (const dep of new Set(list)) dependents[dep]!.push(i);
  });
  return { ids, deps, dependents };
}

/** A cycle along `after` edges as positions, first repeated at the end (`a → b → a`), or undefined. */
function findCycle(deps: readonly (readonly number[])[]): number[] | undefined {
  const state = new Uint8Array(deps.length); // 0 new, 1 on the current path, 2 done
  const path: number[] = [];
  const visit = (node: number): number[] | undefined => {
    state[node] = 1;
    path.push(node);
    for (const dep of deps[node]!) {
      if (state[dep] === 1) return [...path.slice(path.indexOf(dep)), dep];
      if (state[dep] === 0) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    path.pop();
    state[node] = 2;
    return undefined;
  };
  for (let i = 0; i < deps.length; i++) {
    if (state[i] === 0) {
      const found = visit(i);
      if (found) return found;
    }
  }
  return undefined;
}
