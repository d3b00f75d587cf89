import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { runBin, tempDir } from '../test-helpers/fixtures.js';
import { hookBudgetOutput } from './hook-budget.js';

const HOUR = 3_600_000;

/** A hook-monitor store: `lint` took `before` ms for 10 runs over the past days, then `after` ms in the last hours. */
function store(before: number, after: number, now = Date.now()): string {
  const dir = tempDir();
  const lines: string[] = [];
  const run = (i: number, ago: number, lint: number) =>
    JSON.stringify({
      v: 1, run_id: `r${i}`, ts: new Date(now - ago).toISOString(), event: 'UserPromptSubmit', source: 'run', wall_ms: lint,
      hooks: [
        { id: 'lint', start_ms: 0, end_ms: lint, exit_code: 0, timed_out: false, stdout_bytes: 0, stderr_bytes: 0 },
        { id: 'steady', start_ms: 0, end_ms: 20, exit_code: 0, timed_out: false, stdout_bytes: 0, stderr_bytes: 0 },
      ],
    });
  for (let i = 0; i < 10; i++) lines.push(run(i, (48 + i * 24) * HOUR, before));
  for (let i = 0; i < 10; i++) lines.push(run(10 + i, (1 + i) * 0.5 * HOUR, after));
  fs.writeFileSync(path.join(dir, 'runs.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

describe('guard hook-budget', () => {
  test('names the hook that regressed against its own history, once per session', async () => {
    const dir = store(100, 400);
    const file = path.join(tempDir(), 'state.json');
    const first = await hookBudgetOutput({ session_id: 'a' }, { dir, file });
    expect(JSON.parse(first)).toEqual({
      systemMessage:
        'hook-monitor: UserPromptSubmit hook "lint" got slower: p95 400 ms in the last day vs 100 ms before (4.0×, +300 ms) — see `hook-monitor slow`.',
    });
    expect(await hookBudgetOutput({ session_id: 'a' }, { dir, file })).toBe('');
    expect(await hookBudgetOutput({ session_id: 'b' }, { dir, file })).not.toBe('');
  });

  test('silent when nothing regressed, or too little history', async () => {
    const file = path.join(tempDir(), 'state.json');
    expect(await hookBudgetOutput({ session_id: 'a' }, { dir: store(100, 120), file })).toBe('');
    expect(await hookBudgetOutput({ session_id: 'b' }, { dir: tempDir(), file })).toBe('');
  });

  test('through the binary: one JSON line with a systemMessage, then silence', async () => {
    const env = { ...process.env, HOOK_EXECUTOR_STATE_DIR: tempDir(), HOOK_MONITOR_DIR: store(50, 300) };
    const input = JSON.stringify({ session_id: 's', hook_event_name: 'SessionStart', source: 'startup' });
    const first = await runBin(['guard', 'hook-budget'], { input, env });
    expect(first).toMatchObject({ code: 0 });
    expect(JSON.parse(first.stdout).systemMessage).toMatch(/^hook-monitor: UserPromptSubmit hook "lint" got slower: p95 300 ms/);
    expect(await runBin(['guard', 'hook-budget'], { input, env })).toMatchObject({ code: 0, stdout: '' });
  });
});
