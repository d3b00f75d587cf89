import { expect, test } from '@jest/globals';
import { findBlockingHooks, hookKey } from './find-blocking-hooks.js';
import { recordRun } from './record-run.js';
import { tempDir } from './test-helpers/paths.js';
import type { HookTiming } from './types.js';

const hook = (id: string, extra: Partial<HookTiming> = {}): HookTiming => ({
  id,
  start_ms: 0,
  end_ms: 5,
  exit_code: 0,
  timed_out: false,
  stdout_bytes: 0,
  stderr_bytes: 0,
  ...extra,
});

test('counts, per event and id, the runs in which a hook denied, blocked, exited 2 or stopped', () => {
  const dir = tempDir();
  const run = (event: string, hooks: HookTiming[]) =>
    recordRun({ v: 1, run_id: `${event}-${Math.random()}`, ts: new Date().toISOString(), event, source: 'run', wall_ms: 5, hooks }, { dir });
  run('PreToolUse', [hook('policy', { decision: 'deny' }), hook('lint')]);
  run('PreToolUse', [hook('policy', { decision: 'allow' }), hook('lint', { exit_code: 2, decision: 'deny' })]);
  run('PreToolUse', [hook('policy', { decision: 'deny' }), hook('fmt', { decision: 'deny', skipped: 'duplicate of lint' })]);
  run('UserPromptSubmit', [hook('policy', { decision: 'block' }), hook('ctx', { decision: 'context' }), hook('stopper', { decision: 'continue_false' })]);
  run('Stop', [hook('ctx', { exit_code: 1 })]);

  const all = findBlockingHooks(dir);
  expect(Object.fromEntries(all)).toEqual({
    [hookKey('PreToolUse', 'policy')]: 2,
    [hookKey('PreToolUse', 'lint')]: 1,
    [hookKey('UserPromptSubmit', 'policy')]: 1,
    [hookKey('UserPromptSubmit', 'stopper')]: 1,
  });
  expect(Object.fromEntries(findBlockingHooks(dir, new Set(['lint', 'ctx'])))).toEqual({ [hookKey('PreToolUse', 'lint')]: 1 });
  expect(findBlockingHooks(tempDir()).size).toBe(0);
});
