import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, test } from '@jest/globals';
import { AbortError, GraphError, runGraph, type GraphNode } from './index.js';
import { delay, gauge, randomMs } from './test-helpers/tasks.js';

const node = (id: string, after: string[] = [], run: GraphNode['run'] = async () => id): GraphNode => ({ id, after, run });

async function rejection(promise: Promise<unknown>): Promise<GraphError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: GraphError) => error,
  );
}

describe('runGraph', () => {
  test('rejects a cycle before any node runs, naming the cycle', async () => {
    let ran = 0;
    const run = async () => void ran++;
    const error = await rejection(
      runGraph([node('start', [], run), node('a', ['c', 'start'], run), node('b', ['a'], run), node('c', ['b'], run)]),
    );
    expect(error).toBeInstanceOf(GraphError);
    expect(error.code).toBe('GRAPH_CYCLE');
    expect(error.message).toBe('Dependency cycle: a → c → b → a');
    expect(error.cycle).toEqual(['a', 'c', 'b', 'a']);
    expect(ran).toBe(0);
    const self = await rejection(runGraph([node('x', ['x'], run)]));
    expect(self.message).toBe('Dependency cycle: x → x');
    expect(ran).toBe(0);
  });

  test('rejects an unknown id before any node runs, naming the node and the missing id', async () => {
    let ran = 0;
    const error = await rejection(runGraph([node('a', [], async () => void ran++), node('b', ['a', 'nope'])]));
    expect(error).toMatchObject({ code: 'GRAPH_UNKNOWN_DEPENDENCY', nodeId: 'b', dependencyId: 'nope' });
    expect(error.message).toContain('`b`');
    expect(error.message).toContain('`nope`');
    expect(ran).toBe(0);
  });

  test('rejects duplicate ids and malformed nodes', async () => {
    expect(await rejection(runGraph([node('a'), node('b'), node('a')]))).toMatchObject({ code: 'GRAPH_DUPLICATE_ID', nodeId: 'a' });
    await expect(runGraph([{ id: 'a' } as unknown as GraphNode])).rejects.toThrow(
      'Expected `nodes[0].run` to be a function, got `undefined` (undefined)',
    );
    await expect(runGraph([{ id: 'a', after: 'b', run: () => 1 } as unknown as GraphNode])).rejects.toThrow(TypeError);
  });

  test('a node starts only after its dependencies ended, and as soon as they did', async () => {
    const log: string[] = [];
    const step = (id: string, ms: number) => async (_signal: AbortSignal, deps: ReadonlyMap<string, unknown>) => {
      log.push(`start ${id} [${[...deps.keys()].join(',')}]`);
      await delay(ms);
      log.push(`end ${id}`);
      return id.toUpperCase();
    };
    const { outcomes } = await runGraph([
      node('slow', [], step('slow', 80)),
      node('fast', [], step('fast', 5)),
      node('afterFast', ['fast'], step('afterFast', 5)),
      node('both', ['slow', 'afterFast'], async (_s, deps) => [...deps.entries()]),
    ]);
    // afterFast does not wait for the unrelated slow node.
    expect(log.indexOf('start afterFast [fast]')).toBeLessThan(log.indexOf('end slow'));
    expect(outcomes.map((o) => o.id)).toEqual(['slow', 'fast', 'afterFast', 'both']);
    expect(outcomes[3]).toMatchObject({ status: 'ok', value: [['slow', 'SLOW'], ['afterFast', 'AFTERFAST']] });
    const slow = outcomes[0] as { startMs: number; endMs: number };
    const both = outcomes[3] as { startMs: number; endMs: number };
    expect(both.startMs).toBeGreaterThanOrEqual(slow.endMs);
  });

  test('respects concurrency under random delays', async () => {
    const g = gauge();
    const nodes = Array.from({ length: 40 }, (_, i) =>
      node(`n${i}`, i >= 10 ? [`n${i % 10}`] : [], async () => {
        g.enter();
        await delay(randomMs(5));
        g.leave();
      }),
    );
    const { outcomes } = await runGraph(nodes, { concurrency: 3 });
    expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
    expect(g.max).toBe(3);
  });

  test('dependents of a failure are skipped, transitively, with a reason naming it', async () => {
    const boom = new Error('lint broke');
    let ran = 0;
    const { outcomes, byId, cancelled } = await runGraph([
      node('lint', [], async () => {
        throw boom;
      }),
      node('test', ['lint'], async () => void ran++),
      node('deploy', ['test', 'other'], async () => void ran++),
      node('other', [], async () => 'fine'),
    ]);
    expect(cancelled).toBe(false);
    expect(ran).toBe(0);
    expect(byId.get('lint')).toMatchObject({ status: 'failed', error: boom });
    expect(byId.get('test')).toEqual({ id: 'test', status: 'skipped', reason: 'dependency `lint` failed', dependency: 'lint', failed: 'lint' });
    expect(byId.get('deploy')).toEqual({
      id: 'deploy',
      status: 'skipped',
      reason: 'dependency `test` was skipped (`lint` failed)',
      dependency: 'test',
      failed: 'lint',
    });
    expect(byId.get('other')).toMatchObject({ status: 'ok', value: 'fine' });
    expect(outcomes).toHaveLength(4);
  });

  test('cancelWhen aborts running nodes (their signal fires) and leaves the rest cancelled', async () => {
    const signals = new Map<string, AbortSignal>();
    const slow = (id: string) => async (signal: AbortSignal) => {
      signals.set(id, signal);
      await delay(5_000, signal);
      return id;
    };
    let waitingRan = false;
    const started = performance.now();
    const result = await runGraph(
      [
        node('answer', [], async () => {
          await delay(20);
          return 'found it';
        }),
        node('slow1', [], slow('slow1')),
        node('slow2', [], slow('slow2')),
        node('later', ['slow1'], async () => void (waitingRan = true)),
        node('queued', [], async () => void (waitingRan = true)),
      ],
      { concurrency: 3, cancelWhen: (value) => value === 'found it' },
    );
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(result.cancelled).toBe(true);
    expect(waitingRan).toBe(false);
    expect(result.byId.get('answer')).toMatchObject({ status: 'ok', value: 'found it' });
    for (const id of ['slow1', 'slow2']) {
      expect(signals.get(id)!.aborted).toBe(true);
      expect(signals.get(id)!.reason).toBeInstanceOf(AbortError);
      const outcome = result.byId.get(id) as { status: string; startMs: number; endMs: number };
      expect(outcome.status).toBe('cancelled');
      expect(outcome.endMs).toBeGreaterThanOrEqual(outcome.startMs);
    }
    expect(result.byId.get('later')).toEqual({ id: 'later', status: 'cancelled' });
    expect(result.byId.get('queued')).toEqual({ id: 'queued', status: 'cancelled' });
  });

  test('failFast cancels the rest on the first failure', async () => {
    let signal: AbortSignal | undefined;
    const result = await runGraph(
      [
        node('bad', [], async () => {
          await delay(10);
          throw new Error('bad');
        }),
        node('running', [], async (s) => {
          signal = s;
          await delay(5_000, s);
        }),
        node('dependent', ['running']),
      ],
      { failFast: true },
    );
    expect(result.cancelled).toBe(true);
    expect(signal!.aborted).toBe(true);
    expect(result.outcomes.map((o) => o.status)).toEqual(['failed', 'cancelled', 'cancelled']);
  });

  test('the caller’s signal reaches running nodes and cancels the run', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const run = runGraph([node('a', [], async (signal) => {
      seen = signal;
      await delay(5_000, signal);
    }), node('b', ['a'])], { signal: controller.signal });
    await delay(20);
    controller.abort();
    const result = await run;
    expect(result.cancelled).toBe(true);
    expect(seen!.aborted).toBe(true);
    expect(seen!.reason).toMatchObject({ name: 'AbortError', code: 'ABORTED' });
    expect(result.outcomes.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
  });

  test('outcomes carry start and end offsets from the run start, and wall time is not the sum', async () => {
    const result = await runGraph(['a', 'b', 'c'].map((id) => node(id, [], () => delay(40))));
    const spans = result.outcomes.map((outcome) => outcome as { startMs: number; endMs: number });
    for (const { startMs, endMs } of spans) {
      expect(startMs).toBeGreaterThanOrEqual(0);
      // No timer fires early: each node's own span covers its 40 ms.
      expect(endMs - startMs).toBeGreaterThanOrEqual(35);
      expect(endMs).toBeLessThanOrEqual(result.wallMs);
    }
    // Independent nodes overlap (each started before any ended), so the run's wall time is the
    // longest span, not the sum of the three; as order, this holds however busy the machine is.
    expect(Math.max(...spans.map((s) => s.startMs))).toBeLessThan(Math.min(...spans.map((s) => s.endMs)));
    const sum = spans.reduce((total, s) => total + (s.endMs - s.startMs), 0);
    expect(result.wallMs).toBeLessThan(sum);
  });

  test('a throwing cancelWhen rejects the run (and aborts what runs); sync throws in nodes are failures', async () => {
    await expect(runGraph([node('a')], { cancelWhen: () => { throw new Error('predicate bug'); } })).rejects.toThrow('predicate bug');
    let running: AbortSignal | undefined;
    const run = runGraph(
      [node('a'), node('slow', [], async (signal) => {
        running = signal;
        await delay(5_000, signal);
      })],
      { cancelWhen: () => { throw new Error('predicate bug'); } },
    );
    await expect(run).rejects.toThrow('predicate bug');
    expect(running!.aborted).toBe(true);
    expect(running!.reason).toMatchObject({ code: 'ABORTED', cause: { message: 'predicate bug' } });
    const { byId } = await runGraph([node('a', [], () => { throw new Error('sync'); })]);
    expect(byId.get('a')).toMatchObject({ status: 'failed', error: { message: 'sync' } });
  });

  test('an empty graph and AsyncLocalStorage flowing into nodes', async () => {
    expect(await runGraph([])).toMatchObject({ outcomes: [], cancelled: false });
    const als = new AsyncLocalStorage<string>();
    const { outcomes } = await als.run('hook-event', () =>
      runGraph([node('a', [], async () => als.getStore()), node('b', ['a'], async () => als.getStore())], { retry: 1 }),
    );
    expect(outcomes.map((o) => (o.status === 'ok' ? o.value : o.status))).toEqual(['hook-event', 'hook-event']);
  });
});
