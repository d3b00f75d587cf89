import { AbortError, callerAbortError } from './errors.js';
import { checkGraph } from './graph-validate.js';
import { checkOptions, plainPolicy, wantsTaskPolicies } from './plain-policy.js';
import type { Policy } from './resolve-policy.js';
import { RunScope } from './run-scope.js';
import type { GraphNode, GraphOptions, GraphResult, Mapper, NodeOutcome, PoolOptions } from './types.js';
import { checkBoolean, checkFunction } from './validate.js';

/**
 * Runs each node as soon as the nodes in its `after` have succeeded, within `concurrency`. The graph
 * is checked first (duplicate ids, unknown dependencies, cycles: GraphError, nothing runs). Dependents
 * of a failed node are skipped with a reason naming it. `cancelWhen(result, id)` returning true, a
 * failure under `failFast`, or the caller's `signal` aborts every running node's signal and ends the
 * run at once: running and waiting nodes are `cancelled`. Outcomes keep the nodes' order and carry
 * `startMs`/`endMs` from the run's start. Once the graph is accepted it resolves, unless cancelWhen throws (then it rejects with that error).
 * A plain graph starts its ready nodes within the call; with per-task policies (`timeoutMs`, `retry`,
 * `rateLimit`, `adaptive`, `stats`, `progress`) they start once those modules are imported.
 * @example const { byId } = await runGraph([{ id: 'a', run: fetchA }, { id: 'b', after: ['a'], run: (s, deps) => useA(deps.get('a')) }]);
 */
export async function runGraph<R = unknown>(
  nodes: readonly GraphNode<R>[],
  options?: GraphOptions<R>,
): Promise<GraphResult<R>> {
  const { ids, deps, dependents } = checkGraph(nodes);
  const o = checkOptions(options) as GraphOptions<R>;
  const cancelWhen = o.cancelWhen === undefined ? undefined : checkFunction<NonNullable<typeof o.cancelWhen>>('cancelWhen', o.cancelWhen);
  const failFast = o.failFast === undefined ? false : checkBoolean('failFast', o.failFast);
  // A plain graph (no time limit, retry, rate limit… on the run or any node) starts its nodes within
  // this call and never loads the policy modules: the lean path hook runners take on every event.
  const tasks = wantsTaskPolicies(o) || nodes.some((n) => n.timeoutMs !== undefined) ? await loadTaskPolicies(o) : undefined;
  const policy = tasks?.policy ?? plainPolicy(o);
  const { plain, concurrency, adaptive, signal: callerSignal } = policy;

  const count = nodes.length;
  const t0 = performance.now();
  const outcomes: (NodeOutcome<R> | undefined)[] = new Array(count).fill(undefined);
  const values: (R | undefined)[] = new Array(count);
  const starts = new Float64Array(count).fill(-1);
  const waitingOn = deps.map((list) => new Set(list).size);
  const depMaps: ReadonlyMap<string, R>[] = new Array(count);
  const ready: number[] = [];
  let head = 0;
  let running = 0;
  let settled = 0;
  let cancelled = false;
  let finished = false;
  const scope = new RunScope();
  const signal = scope.signal;
  const stopProgress = tasks === undefined ? noop : tasks.openProgress(policy, count);
  const progress = policy.progress;
  const limit = adaptive === undefined ? () => concurrency : () => adaptive.current;
  const runNode: Mapper<GraphNode<R>, R> = (node, context) => node.run(context.signal, depMaps[context.index]!);

  let resolveRun!: (result: GraphResult<R>) => void;
  let rejectRun!: (error: unknown) => void;
  const done = new Promise<GraphResult<R>>((resolve, reject) => {
    resolveRun = resolve;
    rejectRun = reject;
  });

  const now = () => performance.now() - t0;

  function settle(i: number, outcome: NodeOutcome<R>): void {
    outcomes[i] = outcome;
    settled++;
  }

  function finish(bug?: { error: unknown }): void {
    if (finished) return;
    finished = true;
    callerSignal?.removeEventListener('abort', onCallerAbort);
    stopProgress();
    if (bug !== undefined) {
      rejectRun(bug.error);
      return;
    }
    const list = outcomes as NodeOutcome<R>[];
    resolveRun({ outcomes: list, byId: new Map(list.map((out) => [out.id, out])), cancelled, wallMs: now() });
  }

  function cancelAll(reason: unknown, bug?: { error: unknown }): void {
    if (cancelled) return;
    cancelled = true;
    scope.abort(reason);
    const at = now();
    for (let i = 0; i < count; i++) {
      if (outcomes[i] !== undefined) continue;
      const startMs = starts[i]!;
      settle(i, startMs >= 0 ? { id: ids[i]!, status: 'cancelled', startMs, endMs: at } : { id: ids[i]!, status: 'cancelled' });
    }
    finish(bug);
  }

  function onCallerAbort(): void {
    cancelAll(callerAbortError(callerSignal!));
  }

  // Everything downstream of a node that did not succeed is skipped, naming the dependency and the root failure.
  function skipDependents(from: number, failed: string): void {
    for (const next of dependents[from]!) {
      if (outcomes[next] !== undefined || starts[next]! >= 0) continue;
      const dependency = ids[from]!;
      const reason =
        dependency === failed ? `dependency \`${failed}\` failed` : `dependency \`${dependency}\` was skipped (\`${failed}\` failed)`;
      settle(next, { id: ids[next]!, status: 'skipped', reason, dependency, failed });
      skipDependents(next, failed);
    }
  }

  function onSuccess(i: number, value: R): void {
    if (cancelled) return;
    running--;
    values[i] = value;
    settle(i, { id: ids[i]!, status: 'ok', value, startMs: starts[i]!, endMs: now() });
    if (progress) {
      progress.add('inFlight', -1);
      progress.add('done');
    }
    for (const next of dependents[i]!) if (--waitingOn[next]! === 0 && outcomes[next] === undefined) ready.push(next);
    if (cancelWhen !== undefined) {
      let stop: boolean;
      try {
        stop = cancelWhen(value, ids[i]!);
      } catch (error) {
        // A throwing predicate is a bug in the caller: stop everything and reject with it.
        cancelAll(new AbortError('cancelWhen threw', { cause: error }), { error });
        return;
      }
      if (stop) {
        cancelAll(new AbortError(`Cancelled by cancelWhen after node \`${ids[i]}\``));
        return;
      }
    }
    schedule();
  }

  function onFailure(i: number, error: unknown): void {
    if (cancelled) return;
    running--;
    settle(i, { id: ids[i]!, status: 'failed', error, startMs: starts[i]!, endMs: now() });
    if (progress) {
      progress.add('inFlight', -1);
      progress.add('done');
      progress.add('failed');
    }
    skipDependents(i, ids[i]!);
    if (failFast) {
      cancelAll(new AbortError(`Aborted because node \`${ids[i]}\` failed (failFast)`, { cause: error }));
      return;
    }
    schedule();
  }

  function start(i: number): void {
    const node = nodes[i]!;
    const map = new Map<string, R>();
    for (const dep of deps[i]!) map.set(ids[dep]!, values[dep]!);
    depMaps[i] = map;
    running++;
    starts[i] = now();
    if (progress) progress.add('inFlight');
    let promise: Promise<R>;
    if (plain && node.timeoutMs === undefined) {
      try {
        promise = Promise.resolve(node.run(signal, map));
      } catch (error) {
        promise = Promise.reject(error);
      }
    } else {
      promise = tasks!.runTask(policy, runNode, node, i, scope, `Node \`${ids[i]}\``, node.timeoutMs ?? policy.timeoutMs);
    }
    promise.then(
      (value) => onSuccess(i, value),
      (error: unknown) => onFailure(i, error),
    );
  }

  function schedule(): void {
    while (!cancelled && head < ready.length && running < limit()) start(ready[head++]!);
    if (!cancelled && settled === count) finish();
  }

  if (callerSignal?.aborted) {
    cancelAll(callerAbortError(callerSignal));
  } else {
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    for (let i = 0; i < count; i++) if (waitingOn[i] === 0) ready.push(i);
    schedule();
  }
  return done;
}

/** The per-task policies and what runs a task under them, loaded on first use. */
async function loadTaskPolicies(options: PoolOptions) {
  const [{ resolvePolicy, openProgress }, { runTask }] = await Promise.all([import('./resolve-policy.js'), import('./run-task.js')]);
  return { policy: resolvePolicy(options) as Policy, openProgress, runTask };
}

function noop(): void {}
