import { getEventListeners } from 'node:events';
import { describe, expect, test } from '@jest/globals';
import { deadlineStats } from './deadlines.js';
import { AbortError, pmap, pstream, runGraph, TaskTimeoutError } from './index.js';
import { attemptWithTimeout } from './run-attempt.js';
import { RunScope } from './run-scope.js';
import { delay, gauge } from './test-helpers/tasks.js';

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('timeoutMs', () => {
  test('aborts the task’s signal with a TaskTimeoutError and fails the task', async () => {
    let seen: AbortSignal | undefined;
    const [outcome] = await pmap([1], async (_x, { signal }) => {
      seen = signal;
      await delay(5_000, signal);
    }, { timeoutMs: 30 });
    expect(outcome).toMatchObject({ ok: false, error: { name: 'TaskTimeoutError', code: 'TASK_TIMEOUT' } });
    expect(seen!.aborted).toBe(true);
    expect(seen!.reason).toBeInstanceOf(TaskTimeoutError);
  });

  test('fails a task that ignores its signal at the deadline', async () => {
    const started = performance.now();
    const [outcome] = await pmap([1], () => new Promise(() => {}), { timeoutMs: 30 });
    expect(outcome!.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  test('counts from the moment a task starts, not from when it was queued', async () => {
    // Four 60 ms tasks one at a time under a 200 ms limit: queued for up to 180 ms, but each runs 60 ms.
    const settled = await pmap([1, 2, 3, 4], async (x, { signal }) => {
      await delay(60, signal);
      return x;
    }, { concurrency: 1, timeoutMs: 200 });
    expect(settled.every((r) => r.ok)).toBe(true);
  });

  test('applies to pstream and runGraph nodes', async () => {
    for await (const r of pstream([1], (_x, { signal }) => delay(5_000, signal), { timeoutMs: 20 })) {
      expect(r).toMatchObject({ ok: false, error: { code: 'TASK_TIMEOUT' } });
    }
    const { byId } = await runGraph([{ id: 'slow', run: (signal) => delay(5_000, signal) }], { timeoutMs: 20 });
    expect(byId.get('slow')).toMatchObject({ status: 'failed', error: { code: 'TASK_TIMEOUT', message: 'Node `slow` timed out after 20 ms' } });
  });

  test('a graph node’s own timeoutMs wins over the run’s', async () => {
    const { byId } = await runGraph<unknown>(
      [
        { id: 'strict', timeoutMs: 20, run: (signal) => delay(300, signal) },
        { id: 'relaxed', run: (signal) => delay(60, signal).then(() => 'ok') },
        { id: 'generous', timeoutMs: 1_000, run: (signal) => delay(300, signal).then(() => 'ok') },
      ],
      { timeoutMs: 200 },
    );
    expect(byId.get('strict')).toMatchObject({ status: 'failed', error: { code: 'TASK_TIMEOUT', timeoutMs: 20 } });
    expect(byId.get('relaxed')).toMatchObject({ status: 'ok' });
    expect(byId.get('generous')).toMatchObject({ status: 'ok' });
    await expect(runGraph([{ id: 'x', timeoutMs: 0, run: () => 1 }])).rejects.toThrow(
      'Expected `nodes[0].timeoutMs` to be a positive finite number, got `0` (number)',
    );
  });

  test('1000 attempts in flight share one timer and add no listener to the run’s signal', async () => {
    const scope = new RunScope();
    const before = timers();
    const g = gauge();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const attempts = Array.from({ length: 1_000 }, (_, i) =>
      attemptWithTimeout(async (_x, { signal }) => {
        expect(signal.aborted).toBe(false);
        g.enter();
        await gate;
        g.leave();
        return i;
      }, i, i, 1, scope, 60_000, undefined),
    );
    await delay(10);
    expect(g.running).toBe(1_000);
    expect(getEventListeners(scope.signal, 'abort')).toHaveLength(0);
    expect(deadlineStats()).toEqual({ live: 1_000, timers: 1 });
    expect(timers() - before).toBeLessThanOrEqual(5);
    expect(scope.linked).toBe(1_000);
    release();
    expect(await Promise.all(attempts)).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
    expect(scope.linked).toBe(0);
    expect(deadlineStats()).toEqual({ live: 0, timers: 0 });
  });

  test('at concurrency 1000 every attempt gets its own deadline, and a run leaves no timer behind', async () => {
    const before = timers();
    let peak = 0;
    const settled = await pmap(Array.from({ length: 3_000 }, (_, i) => i), async (x, { signal }) => {
      peak = Math.max(peak, timers() - before);
      // Waits for its signal without a timer of its own, so every Timeout counted is the pool's.
      if (x % 500 === 7) await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      return x;
    }, { concurrency: 1_000, timeoutMs: 300 });
    expect(settled.filter((r) => !r.ok).map((r) => (r as { error: unknown }).error)).toEqual(
      Array.from({ length: 6 }, () => expect.any(TaskTimeoutError)),
    );
    // One timer for all of them (a few more allowed for other tests' leftovers in this process; one
    // timer per attempt would be ~1000). That none outlives a run is checked in a fresh process.
    expect(peak).toBeLessThanOrEqual(5);
    expect(deadlineStats()).toEqual({ live: 0, timers: 0 });
  });

  test('when the run aborts, attempts end at once even if their tasks ignore the signal (no deadline lingers)', async () => {
    const boom = new Error('boom');
    const run = pmap([0, 1, 2, 3], async (x) => {
      if (x === 0) {
        await delay(20);
        throw boom;
      }
      await new Promise(() => {}); // ignores its signal
    }, { concurrency: 4, failFast: true, timeoutMs: 60_000 });
    expect(await Promise.race([run.then(() => 'resolved', () => 'rejected'), delay(10).then(() => 'pending')])).toBe('pending');
    expect(deadlineStats().live).toBe(4);
    await expect(run).rejects.toBe(boom);
    expect(deadlineStats()).toEqual({ live: 0, timers: 0 });
  });

  test('a signal first read after its attempt ended carries why it ended', async () => {
    const contexts: { signal: AbortSignal }[] = [];
    const [outcome] = await pmap([1], (_x, context) => {
      contexts.push({ ...context });
      return new Promise(() => {});
    }, { timeoutMs: 20 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'TASK_TIMEOUT' } });
    expect(contexts[0]!.signal.aborted).toBe(true);
    expect(contexts[0]!.signal.reason).toBeInstanceOf(TaskTimeoutError);
    expect(contexts[0]).toMatchObject({ index: 0, attempt: 1 });

    const controller = new AbortController();
    const run = pmap([1, 2], (_x, context) => {
      contexts.push(context);
      return new Promise(() => {});
    }, { timeoutMs: 60_000, signal: controller.signal });
    await delay(10);
    controller.abort(new Error('user'));
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(contexts.slice(1).map((c) => c.signal.reason)).toEqual([expect.any(AbortError), expect.any(AbortError)]);
  });
});
