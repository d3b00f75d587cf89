import { describe, expect, test } from '@jest/globals';
import { ReportBuilder } from './build-report.js';
import { findSlowHooks } from './find-slow-hooks.js';
import { formatSlow } from './format-slow.js';
import { serializeRecord } from './serialize-record.js';
import type { HookRunRecord } from './types.js';
import { sampleRecord } from './test-helpers/sample-record.js';

function reportOf(runs: number, hooks: Parameters<typeof sampleRecord>[1]) {
  const builder = new ReportBuilder();
  for (let i = 0; i < runs; i++) builder.add(sampleRecord(`r${i}`, hooks));
  return builder.finish({ dir: '/store', files: 1, bytes: 0, lines: runs, records: runs, corrupt: 0, corruptAt: [], filtered: 0 });
}

describe('findSlowHooks', () => {
  test('a slow hook that never decides or prints anything should go to the background', () => {
    const report = reportOf(10, [['index', 0, 300], ['fmt', 0, 20, { stdout_bytes: 5 }]]);
    const [slow, ...rest] = findSlowHooks(report, 100);
    expect(rest).toEqual([]);
    expect(slow).toMatchObject({ id: 'index', p95: 300, criticalShare: 1 });
    expect(slow!.suggestions.join('\n')).toContain('make it `background: true`');
  });

  test('waiting on a dependency that never produced anything → drop the `after`', () => {
    const report = reportOf(10, [
      ['warm-cache', 0, 80],
      ['search', 80, 280, { after: ['warm-cache'], stdout_bytes: 100, decision: 'context' }],
    ]);
    const [slow] = findSlowHooks(report, 100);
    expect(slow!.id).toBe('search');
    expect(slow!.suggestions.join('\n')).toContain('drop it from `after`');
  });

  test('same output every time → cache it; timeouts and failures are called out', () => {
    const report = reportOf(6, [
      ['context', 0, 150, { stdout_bytes: 42, decision: 'context' }],
      ['flaky', 0, 500, { timed_out: true, exit_code: null }],
    ]);
    const slow = findSlowHooks(report, 100);
    expect(slow.map((hook) => hook.id)).toEqual(['flaky', 'context']);
    expect(slow[1]!.suggestions.join('\n')).toContain('cache it');
    expect(slow[0]!.suggestions.join('\n')).toContain('timed out in 6 of 6 runs');
    expect(formatSlow(slow, 100, 2)).toContain('2 of 2 hooks over 100 ms at p95');
  });

  test('an interpreter started cold → the pre-started interpreter (and for node, the module form)', () => {
    const report = reportOf(4, [
      ['lint', 0, 200, { stdout_bytes: 9, decision: 'context', interpreter: 'python', start: 'spawned' }],
      ['ctx', 0, 150, { stdout_bytes: 9, decision: 'context', interpreter: 'node', start: 'spawned' }],
      ['warm', 0, 120, { stdout_bytes: 9, decision: 'context', interpreter: 'python', start: 'pre-started' }],
    ]);
    const [lint, ctx, warm] = findSlowHooks(report, 100);
    // The fields survive the store's serializer.
    const stored = JSON.parse(serializeRecord(sampleRecord('s', [['lint', 0, 200, { interpreter: 'python', start: 'pre-started' }]]))) as HookRunRecord;
    expect(stored.hooks[0]).toMatchObject({ interpreter: 'python', start: 'pre-started' });
    expect(lint!.suggestions.join('\n')).toContain('a python hook whose interpreter started cold in 4 of 4 runs');
    expect(lint!.suggestions.join('\n')).not.toContain('module hook');
    expect(ctx!.suggestions.join('\n')).toContain('write it as a module hook');
    expect(warm!.suggestions.join('\n')).not.toContain('started cold');
  });

  test('background hooks cost no prompt latency, and nothing over the threshold says so', () => {
    const report = reportOf(3, [['notify', 0, 900, { background: true }]]);
    expect(findSlowHooks(report, 100)[0]!.suggestions[0]).toContain('already runs in the background');
    expect(formatSlow(findSlowHooks(report, 1000), 1000, 1)).toBe('No hook over 1 s at p95 (of 1 hooks).');
  });
});
