import { describe, expect, test } from '@jest/globals';
import { progressReporter, throttled, type ProgressNotification } from './progress.js';

function recorder(token: string | number | undefined) {
  const sent: ProgressNotification['params'][] = [];
  const report = progressReporter({ token, send: async (n) => void sent.push(n.params) });
  return { sent, report };
}

describe('progressReporter', () => {
  test('sends progress notifications carrying the request’s token', () => {
    const { sent, report } = recorder(7);
    report(1, 3, 'one');
    report(2, 3);
    expect(sent).toEqual([
      { progressToken: 7, progress: 1, total: 3, message: 'one' },
      { progressToken: 7, progress: 2, total: 3 },
    ]);
  });

  test('never sends a value that does not go up', () => {
    const { sent, report } = recorder('tok');
    for (const p of [1, 1, 0, 2, 1.5, 3]) report(p);
    expect(sent.map((n) => n.progress)).toEqual([1, 2, 3]);
  });

  test('sends nothing when the client asked for no progress', () => {
    const { sent, report } = recorder(undefined);
    report(1, 2);
    expect(sent).toEqual([]);
  });

  test('a failed send does not throw into the tool', () => {
    const report = progressReporter({ token: 1, send: () => Promise.reject(new Error('client gone')) });
    expect(() => report(1)).not.toThrow();
  });
});

describe('throttled', () => {
  test('drops reports inside the interval but always passes the one that reaches the total', () => {
    const { sent, report } = recorder('tok');
    const slow = throttled(report, 60_000);
    for (let i = 1; i <= 100; i++) slow(i, 100);
    expect(sent.map((n) => n.progress)).toEqual([1, 100]);
  });

  test('passes everything with no interval', () => {
    const { sent, report } = recorder('tok');
    const all = throttled(report, 0);
    for (let i = 1; i <= 5; i++) all(i, 10);
    expect(sent).toHaveLength(5);
  });
});
