// PreToolUse as a pipeline: a dependent hook sees, as `tool_input`, what its dependencies made of
// it; the final `updatedInput` follows the graph, never completion order.

type Json = Record<string, unknown>;

/** What a node passes on: the tool input after it, and whether any hook up to here changed it. */
export interface PipedInput {
  readonly toolInput: Json;
  readonly changed: boolean;
}

/**
 * The input a node receives from its dependencies (given in config order): the last one, in config
 * order, that changed it — as if the changes were applied one after another — else the original.
 */
export function mergePiped(deps: readonly (PipedInput | undefined)[], original: Json): PipedInput {
  let result: PipedInput = { toolInput: original, changed: false };
  for (const dep of deps) if (dep?.changed) result = dep;
  return result;
}

/** What a node passes on after it ran: its own `updatedInput` if it gave one, else what it received. */
export function pipeThrough(received: PipedInput, updatedInput: Json | undefined): PipedInput {
  return updatedInput ? { toolInput: updatedInput, changed: true } : received;
}

export interface PipelineNode {
  readonly id: string;
  readonly after: readonly string[];
}

/**
 * The final tool input of the run: merged over the sinks (nodes nothing else waits for), in config
 * order. A node that did not finish (cancelled) passes on what its own dependencies produced.
 */
export function finalPiped(nodes: readonly PipelineNode[], outputs: ReadonlyMap<string, PipedInput>, original: Json): PipedInput {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  const waitedFor = new Set(nodes.flatMap((n) => n.after));
  const outputOf = (id: string, seen: Set<string>): PipedInput | undefined => {
    const out = outputs.get(id);
    if (out || seen.has(id)) return out;
    seen.add(id);
    const deps = [...(byId.get(id)?.after ?? [])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return mergePiped(
      deps.map((d) => outputOf(d, seen)),
      original,
    );
  };
  const sinks = nodes.filter((n) => !waitedFor.has(n.id));
  return mergePiped(
    sinks.map((n) => outputOf(n.id, new Set())),
    original,
  );
}
