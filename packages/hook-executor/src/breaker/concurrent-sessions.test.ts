// 20 Claude Code sessions at once, each running the real `hook-executor run` per event, all hitting
// the same failing hook: the breaker's shared state stays consistent — every failure counted once
// (none lost, none torn), every session told exactly once, one trial when the cool-off is over.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@jest/globals';
import { readBreakerState } from '@fanout/hook-monitor/breaker';
import { runBin, sleep, tempDir, type BinResult } from '../test-helpers/fixtures.js';

const SESSIONS = 20;

interface Stored {
  readonly session_id?: string;
  readonly hooks: readonly { readonly id: string; readonly skipped?: string; readonly error?: string }[];
}

function project(breaker: Record<string, unknown>) {
  const dir = tempDir('breaker-sessions-');
  const monitor = path.join(dir, 'monitor');
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  fs.mkdirSync(path.join(dir, '.claude'));
  const starts = path.join(dir, 'starts');
  // Crashes at once (killed by a signal): a failure that costs no waiting, so many land together.
  const crash = `echo x >> '${starts}'; kill -KILL $$`;
  const env = { ...process.env, HOME: home, CLAUDE_PROJECT_DIR: dir, HOOK_MONITOR_DIR: monitor };
  const write = (rule: Record<string, unknown>) =>
    fs.writeFileSync(
      path.join(dir, '.claude', 'hook-executor.json'),
      JSON.stringify({ breaker: rule, hooks: { UserPromptSubmit: [{ hooks: [{ id: 'crashy', command: crash }, { id: 'fine', command: 'echo fine' }] }] } }),
    );
  write(breaker);
  return {
    dir,
    monitor,
    write,
    starts: () => (fs.existsSync(starts) ? fs.readFileSync(starts, 'utf8').split('\n').filter(Boolean).length : 0),
    records: (): Stored[] => fs.readFileSync(path.join(monitor, 'runs.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Stored),
    event: (session: string): Promise<BinResult> =>
      runBin(['run', '--event', 'UserPromptSubmit'], {
        env,
        cwd: dir,
        input: JSON.stringify({ session_id: session, cwd: dir, hook_event_name: 'UserPromptSubmit', prompt: 'hi' }),
      }),
  };
}

const told = (result: BinResult) => (result.stdout.match(/hook-executor: crashy crashed/g) ?? []).length;

test('20 sessions at once: every failure counted once (none lost, none torn), every session told once', async () => {
  const p = project({ after: 2, coolOff: 600 });
  const outputs = await Promise.all(
    Array.from({ length: SESSIONS }, async (_, s) => {
      const mine: BinResult[] = [];
      for (let e = 0; e < 3; e++) mine.push(await p.event(`session-${s}`));
      return mine;
    }),
  );
  for (const mine of outputs) for (const result of mine) expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });

  const runs = p.records().flatMap((r) => r.hooks.filter((h) => h.id === 'crashy'));
  const ran = runs.filter((h) => h.skipped === undefined);
  const entry = Object.values(readBreakerState(p.monitor).hooks)[0]!;
  // Every run of the hook is a failure the breaker counted: no update lost.
  expect(ran.length).toBe(p.starts());
  expect(ran.every((h) => h.error === 'killed by SIGKILL')).toBe(true);
  expect(entry).toMatchObject({ id: 'crashy', failures: ran.length, counted: ran.length, timeouts: 0 });
  expect(entry.openUntil).toBeGreaterThan(Date.now());
  expect(runs.length - ran.length).toBe(SESSIONS * 3 - ran.length);
  expect(runs.filter((h) => h.skipped !== undefined).every((h) => h.skipped!.startsWith('breaker open'))).toBe(true);
  // After 2 failures in a row it opens; each session's second event finds it open or counts a failure past the rule: all told, once.
  expect(outputs.map((mine) => mine.reduce((n, r) => n + told(r), 0))).toEqual(outputs.map(() => 1));
  expect(new Set(entry.told)).toEqual(new Set(Array.from({ length: SESSIONS }, (_, s) => `session-${s}`)));
}, 180_000);

test('20 sessions finding the cool-off over at once: one runs the trial, the others skip', async () => {
  const p = project({ after: 2, coolOff: 1 });
  await p.event('opener');
  await p.event('opener');
  expect(p.starts()).toBe(2);
  const entry = Object.values(readBreakerState(p.monitor).hooks)[0]!;
  await sleep(Math.max(0, entry.openUntil! - Date.now()) + 50);
  // The trial fails at once and opens the breaker again: for long enough now that no session
  // started in this batch (they take a while to start on a busy machine) finds it over again.
  p.write({ after: 2, coolOff: 600 });
  const results = await Promise.all(Array.from({ length: SESSIONS }, (_, s) => p.event(`late-${s}`)));
  for (const result of results) expect(result.code).toBe(0);
  expect(p.starts()).toBe(3);
  const late = p.records().filter((r) => r.session_id?.startsWith('late-'));
  expect(late).toHaveLength(SESSIONS);
  expect(late.filter((r) => r.hooks.find((h) => h.id === 'crashy')!.skipped === undefined)).toHaveLength(1);
  expect(Object.values(readBreakerState(p.monitor).hooks)[0]).toMatchObject({ failures: 3, counted: 3 });
}, 120_000);
