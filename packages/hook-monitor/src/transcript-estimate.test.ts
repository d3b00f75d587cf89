// The time-saved estimate of imported runs: against Claude Code's parallel runner, interpreter
// start-ups off the path for the hooks the executor pre-starts, its own overhead added.
import { describe, expect, test } from '@jest/globals';
import { estimateModel } from './estimate-model.js';
import { prestartHint } from './prestart-hint.js';
import { TranscriptEstimator, estimateRun } from './transcript-estimate.js';
import type { HookRunRecord, HookTiming } from './types.js';

const hook = (id: string, ms: number, interpreter?: 'python' | 'node'): HookTiming => ({
  id,
  start_ms: 0,
  end_ms: ms,
  exit_code: 0,
  timed_out: false,
  stdout_bytes: 1,
  stderr_bytes: 0,
  ...(interpreter ? { interpreter } : {}),
});
const run = (hooks: HookTiming[]): HookRunRecord => ({
  v: 1,
  run_id: `t-${hooks.length}`,
  ts: '2026-01-01T00:00:00.000Z',
  event: 'UserPromptSubmit',
  source: 'transcript',
  wall_ms: Math.max(...hooks.map((h) => h.end_ms)),
  hooks,
});
const model = { mode: 'forward' as const, overheadMs: 50, startupMs: { python: 40, node: 80 }, cores: 2 };

describe('pre-start hint from a command line', () => {
  test.each([
    [`python3 -c 'import json,sys; print(1)'`, 'python'],
    ['/usr/bin/python3.12 "$CLAUDE_PROJECT_DIR"/.claude/hooks/check.py --fast', 'python'],
    [`node -e 'let s="";process.stdin.on("data",d=>s+=d)'`, 'node'],
    ['node ${HOME}/hooks/remind.cjs', 'node'],
  ])('%s → %s', (command, kind) => expect(prestartHint(command)).toBe(kind));

  test.each([
    'sleep 0.1; echo ctx',
    'python3 hooks/a.py | tee log',
    'cd x && node y.js',
    'python -c pass', // may be python 2
    'python3 -u hook.py', // an interpreter flag
    'node hook.ts',
    'PYTHONPATH=x python3 hook.py',
    'python3 ~/hooks/a.py', // sh expands ~, the executor does not
    'python3 $(which hook)',
    'python3',
    `python3 -c 'unterminated`,
  ])('%s → not pre-started', (command) => expect(prestartHint(command)).toBeUndefined());
});

describe('estimateRun', () => {
  test('no interpreter to pre-start: Claude Code already ran them in parallel, the executor only adds its overhead', () => {
    expect(estimateRun(run([hook('sleep 0.1; echo a', 120), hook('echo b', 30)]), model)).toEqual({ native: 120, executor: 170, preStartable: 0 });
  });

  test('as many hooks as cores: each pre-started hook loses its own start-up, the slowest other hook still bounds the wall', () => {
    expect(estimateRun(run([hook('node -e x', 150, 'node'), hook('python3 -c x', 100, 'python')]), model).executor).toBe(70 + 50);
    expect(estimateRun(run([hook('node -e x', 150, 'node'), hook('sleep 0.2', 210)]), model).executor).toBe(210 + 50);
  });

  test('more hooks than cores: every hook also stops waiting for a core’s share of the others’ start-ups', () => {
    // 3 python hooks on 2 cores: each saves 40 + (2 × 40) / 2 = 80.
    const three = run([hook('python3 a.py', 300, 'python'), hook('python3 b.py', 280, 'python'), hook('python3 c.py', 260, 'python')]);
    expect(estimateRun(three, model)).toEqual({ native: 300, executor: 220 + 50, preStartable: 3 });
    // A shell hook among them waits less too, but keeps its own time.
    const mixed = run([hook('python3 a.py', 300, 'python'), hook('python3 b.py', 280, 'python'), hook('sleep 0.25; echo', 290)]);
    expect(estimateRun(mixed, model).executor).toBe(290 - 40 + 50);
  });

  test('an id imported before the hint existed is read as a command when it is whole', () => {
    expect(estimateRun(run([hook(`python3 -c 'print(1)'`, 100)]), model).preStartable).toBe(1);
    expect(estimateRun(run([hook(`python3 -c 'print(1)…`, 100)]), model).preStartable).toBe(0);
  });
});

describe('TranscriptEstimator', () => {
  test('per event: Claude Code and executor p50, saved in total and per run; executor runs are not estimated', () => {
    const estimator = new TranscriptEstimator(model);
    estimator.add(run([hook('python3 a.py', 300, 'python'), hook('python3 b.py', 280, 'python'), hook('python3 c.py', 260, 'python')]));
    estimator.add(run([hook('echo a', 20)]));
    estimator.add({ ...run([hook('x', 5)]), source: 'run' });
    const [ups] = estimator.finish();
    expect(estimator.runs).toBe(2);
    expect(ups).toMatchObject({ event: 'UserPromptSubmit', runs: 2, savedMs: 30 - 50, savedPerRunMs: -10, preStartable: 1.5 });
  });

  test('the bench model: start-ups and overhead derived from the claude-native rows, start-up cheaper for python than node', () => {
    const forward = estimateModel('forward', 2);
    const http = estimateModel('http', 2);
    expect(forward.overheadMs).toBeGreaterThan(http.overheadMs);
    expect(forward.startupMs.python).toBeLessThan(forward.startupMs.node);
    // Both setups measure the same interpreter start-ups, within a few ms.
    expect(Math.abs(forward.startupMs.python - http.startupMs.python)).toBeLessThan(5);
    expect(Math.abs(forward.startupMs.node - http.startupMs.node)).toBeLessThan(5);
  });
});
