import { expect, test } from '@jest/globals';
import { recordRun } from './record-run.js';
import { updateBreakerState } from './breaker-update.js';
import { TimeoutLossBuilder } from './timeout-loss.js';
import { BIN, tempDir } from './test-helpers/paths.js';
import { runProcess } from './test-helpers/run-process.js';
import type { HookRunRecord, HookTiming } from './types.js';

const hook = (id: string, ms: number, extra: Partial<HookTiming> = {}): HookTiming => ({
  id, start_ms: 0, end_ms: ms, exit_code: 0, timed_out: false, stdout_bytes: 0, stderr_bytes: 0, ...extra,
});
const timeout = (id: string, ms: number) => hook(id, ms, { timed_out: true, exit_code: null, error: 'timeout' });
const skip = (id: string) => hook(id, 0, { skipped: 'breaker open (timed out 3 times in a row (30 s each))' });
const run = (ts: string, event: string, hooks: HookTiming[]): HookRunRecord => ({
  v: 1, run_id: `${ts}-${Math.random()}`, ts, event, source: 'run', wall_ms: 1, hooks,
});

const RECORDS = [
  run('2026-03-01T09:00:00.000Z', 'UserPromptSubmit', [timeout('slow', 30_000), timeout('gate', 10_000), hook('ok', 20)]),
  run('2026-03-01T09:05:00.000Z', 'UserPromptSubmit', [timeout('slow', 30_000), hook('gate', 50), hook('ok', 20)]),
  run('2026-03-02T10:00:00.000Z', 'UserPromptSubmit', [skip('slow'), timeout('gate', 10_000), hook('ok', 20)]),
  run('2026-03-02T10:01:00.000Z', 'UserPromptSubmit', [skip('slow'), hook('gate', 50), hook('ok', 20)]),
  run('2026-03-02T10:02:00.000Z', 'PreToolUse', [timeout('slow', 5000)]),
];

test('per hook and per day: time lost to timeouts (per run the longest, as the event waited), and what the breaker skipped', () => {
  const builder = new TimeoutLossBuilder();
  for (const r of RECORDS) builder.add(r);
  expect(builder.finish()).toEqual({
    ms: 75_000,
    timeouts: 5,
    hooks: [
      { event: 'UserPromptSubmit', id: 'slow', ms: 60_000, timeouts: 2, breakerSkips: 2, savedMs: 60_000 },
      { event: 'UserPromptSubmit', id: 'gate', ms: 20_000, timeouts: 2, breakerSkips: 0, savedMs: 0 },
      { event: 'PreToolUse', id: 'slow', ms: 5000, timeouts: 1, breakerSkips: 0, savedMs: 0 },
    ],
    days: [
      {
        day: '2026-03-01', ms: 60_000, timeouts: 3,
        hooks: [{ event: 'UserPromptSubmit', id: 'slow', ms: 60_000, timeouts: 2 }, { event: 'UserPromptSubmit', id: 'gate', ms: 10_000, timeouts: 1 }],
      },
      {
        day: '2026-03-02', ms: 15_000, timeouts: 2,
        hooks: [{ event: 'UserPromptSubmit', id: 'gate', ms: 10_000, timeouts: 1 }, { event: 'PreToolUse', id: 'slow', ms: 5000, timeouts: 1 }],
      },
    ],
  });
});

test('report prints the section, the open breakers, and carries both in --json', async () => {
  const dir = tempDir();
  for (const r of RECORDS) recordRun(r, { dir });
  await updateBreakerState(dir, (state) => {
    const openUntil = Date.parse('2099-01-01T10:00:00Z');
    state.hooks.k = { id: 'slow', event: 'UserPromptSubmit', failures: 3, timeouts: 3, counted: 3, openUntil, updatedAt: 0 };
    return true;
  });
  const text = (await runProcess(process.execPath, [BIN, 'report', '--dir', dir])).stdout.toString();
  const section = text.slice(text.indexOf("Skipped by hook-executor's breaker now"));
  expect(section).toBe(
    [
      "Skipped by hook-executor's breaker now: slow (UserPromptSubmit) until 2099-01-01 10:00 UTC after 3 failures in a row",
      'Time lost to timeouts: 1.3 min in 5 timeouts (events waited that long for hooks that gave no answer)',
      '  hook                      lost  timeouts  skipped by breaker  not waited',
      '  slow (UserPromptSubmit)  1 min         2                   2      ~1 min',
      '  gate (UserPromptSubmit)   20 s         2                   0           -',
      '  slow (PreToolUse)          5 s         1                   0           -',
      '  per day:',
      '    2026-03-01  1 min  3 timeouts  slow 1 min, gate 10 s',
      '    2026-03-02   15 s  2 timeouts  gate 10 s, slow 5 s',
      '',
    ].join('\n'),
  );
  const json = JSON.parse((await runProcess(process.execPath, [BIN, 'report', '--dir', dir, '--json'])).stdout.toString());
  expect(json.timeoutLoss).toMatchObject({ ms: 75_000, timeouts: 5 });
  expect(json.openBreakers).toEqual([{ event: 'UserPromptSubmit', id: 'slow', failures: 3, until: '2099-01-01T10:00:00.000Z' }]);
});
