import { describe, expect, test } from '@jest/globals';
import { addDeadline, cancelDeadline, deadlineStats } from './deadlines.js';
import { delay } from './test-helpers/tasks.js';

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('deadlines', () => {
  test('fire in deadline order across durations, never early, and cancelled ones never fire', async () => {
    const fired: number[] = [];
    const late: number[] = [];
    const due = new Map<number, number>();
    const set = (id: number, ms: number) => {
      const at = performance.now() + ms;
      due.set(id, at);
      return addDeadline(ms, () => {
        fired.push(id);
        late.push(performance.now() - at);
      });
    };
    const a = set(1, 30);
    await delay(5);
    set(2, 30);
    const c = set(3, 30);
    set(4, 10);
    cancelDeadline(c);
    cancelDeadline(c);
    due.delete(3);
    await delay(15);
    set(5, 30);
    await delay(300);
    // In the order they fell due (which depends on how long the delays really took; separate
    // durations have separate Node timers, whose clock may differ from performance.now() by ~1 ms).
    expect([...fired].sort()).toEqual([1, 2, 4, 5]);
    for (let i = 1; i < fired.length; i++) expect(due.get(fired[i - 1]!)!).toBeLessThanOrEqual(due.get(fired[i]!)! + 2);
    expect(Math.min(...late)).toBeGreaterThanOrEqual(0);
    cancelDeadline(a); // after it fired: a no-op
    expect(deadlineStats()).toEqual({ live: 0, timers: 0 });
  });

  test('thousands of deadlines use one timer, and none is left once all are cancelled', async () => {
    const before = timers();
    const list = Array.from({ length: 5_000 }, () => addDeadline(60_000, () => {
      throw new Error('must not fire');
    }));
    expect(deadlineStats()).toEqual({ live: 5_000, timers: 1 });
    expect(timers() - before).toBe(1);
    // Out of order, so dead entries pile up behind live ones and the queue has to compact.
    for (let i = list.length - 1; i >= 0; i -= 2) cancelDeadline(list[i]!);
    expect(deadlineStats().live).toBe(2_500);
    for (let i = 0; i < list.length; i += 2) cancelDeadline(list[i]!);
    expect(deadlineStats()).toEqual({ live: 0, timers: 0 });
    expect(timers()).toBe(before);
  });

  test('after compaction the live deadlines still fire, each once', async () => {
    const fired = new Map<number, number>();
    const list = Array.from({ length: 3_000 }, (_, i) => addDeadline(40, () => fired.set(i, (fired.get(i) ?? 0) + 1)));
    for (let i = 0; i < list.length; i++) if (i % 10 !== 0) cancelDeadline(list[i]!);
    await delay(200);
    expect([...fired.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, k) => k * 10));
    expect([...fired.values()].every((n) => n === 1)).toBe(true);
    expect(deadlineStats()).toEqual({ live: 0, timers: 0 });
  });

  test('a callback may set a deadline on the queue that is firing', async () => {
    const fired: string[] = [];
    addDeadline(20, () => {
      fired.push('first');
      addDeadline(20, () => fired.push('second'));
    });
    await delay(200);
    expect(fired).toEqual(['first', 'second']);
    expect(deadlineStats()).toEqual({ live: 0, timers: 0 });
  });
});
