import { describe, expect, test } from '@jest/globals';
import { pmap, pstream, runGraph, TaskTimeoutError } from './index.js';
import { delay } from './test-helpers/tasks.js';

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
});
