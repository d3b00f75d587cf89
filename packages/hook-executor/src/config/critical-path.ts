/** A node with a weight (seconds of timeout, or measured ms) and its dependencies. */
export interface WeightedNode {
  readonly id: string;
  readonly after: readonly string[];
  readonly weight: number;
}

/** The longest chain through the graph by total weight (the graph must be acyclic). */
export function criticalPath(nodes: readonly WeightedNode[]): { path: string[]; total: number } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const memo = new Map<string, { path: string[]; total: number }>();
  const best = (id: string): { path: string[]; total: number } => {
    const hit = memo.get(id);
    if (hit) return hit;
    const node = byId.get(id)!;
    let longest = { path: [] as string[], total: 0 };
    for (const dep of node.after) {
      if (!byId.has(dep)) continue;
      const candidate = best(dep);
      if (candidate.total > longest.total) longest = candidate;
    }
    const result = { path: [...longest.path, id], total: longest.total + node.weight };
    memo.set(id, result);
    return result;
  };
  let top = { path: [] as string[], total: 0 };
  for (const node of nodes) {
    const candidate = best(node.id);
    if (candidate.total > top.total) top = candidate;
  }
  return top;
}
