// The degenerate graph: no `after` edges and no concurrency limit. Every node starts at once, so
// parallel-core's scheduler (25 modules, start-up time paid on every Claude Code event) is only
// loaded when the graph really has edges or a limit. Same result shape, same cancelWhen semantics:
// the first value for which cancelWhen is true aborts the shared signal and settles the run.
import type { GraphNode, GraphOptions, GraphResult, NodeOutcome } from '@fanout/parallel-core';

export function runFlat<R>(nodes: readonly GraphNode<R>[], options: Pick<GraphOptions<R>, 'signal' | 'cancelWhen'> = {}): Promise<GraphResult<R>> {
  const t0 = performance.now();
  const controller = new AbortController();
  const outcomes: (NodeOutcome<R> | undefined)[] = new Array(nodes.length);
  let cancelled = false;
  let settled = 0;
  return new Promise((resolve) => {
    const finish = () => {
      const list = outcomes.map((o, i) => o ?? { id: nodes[i]!.id, status: 'cancelled' as const });
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ outcomes: list, byId: new Map(list.map((o) => [o.id, o])), cancelled, wallMs: performance.now() - t0 });
    };
    const cancelAll = (reason: unknown) => {
      if (cancelled) return;
      cancelled = true;
      controller.abort(reason);
      const at = performance.now() - t0;
      nodes.forEach((node, i) => {
        if (outcomes[i]) return;
        outcomes[i] = starts[i]! >= 0 ? { id: node.id, status: 'cancelled', startMs: starts[i]!, endMs: at } : { id: node.id, status: 'cancelled' };
      });
      finish();
    };
    const onAbort = () => cancelAll(options.signal!.reason);
    const starts = nodes.map(() => -1);
    if (options.signal?.aborted) return cancelAll(options.signal.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    nodes.forEach((node, i) => {
      starts[i] = performance.now() - t0;
      let promise: Promise<R>;
      try {
        promise = Promise.resolve(node.run(controller.signal, new Map()));
      } catch (error) {
        promise = Promise.reject(error);
      }
      promise.then(
          (value) => {
            if (cancelled) return;
            outcomes[i] = { id: node.id, status: 'ok', value, startMs: starts[i]!, endMs: performance.now() - t0 };
            if (options.cancelWhen?.(value, node.id)) return cancelAll(new Error(`cancelled after ${node.id}`));
            if (++settled === nodes.length) finish();
          },
          (error: unknown) => {
            if (cancelled) return;
            outcomes[i] = { id: node.id, status: 'failed', error, startMs: starts[i]!, endMs: performance.now() - t0 };
            if (++settled === nodes.length) finish();
          },
        );
    });
    if (nodes.length === 0) finish();
  });
}
