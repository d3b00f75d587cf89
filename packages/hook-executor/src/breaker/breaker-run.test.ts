// The breaker through executeEvent, with real hook processes and a real state file: a hook that
// hangs past its timeout on every event is skipped after N events and tried once after the cool-off;
// gates are never skipped, and under failClosed an open gate blocks with a reason.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { readBreakerState } from '@fanout/hook-monitor/breaker';
import { recordRun } from '@fanout/hook-monitor';
import { executeEvent, type ExecuteResult } from '../execute-event.js';
import type { ExecutorConfig } from '../config/types.js';
import { simpleConfig, sleep, tempDir } from '../test-helpers/fixtures.js';

interface Setup {
  readonly dir: string;
  readonly monitor: string;
  /** A hook that notes each start, then hangs (answers `ok` once `healthy` exists). */
  readonly hanging: string;
  starts(): number;
  fire(config: ExecutorConfig, session?: string, event?: string): Promise<ExecuteResult>;
}

function setup(): Setup {
  const dir = tempDir('breaker-run-');
  const monitor = path.join(dir, 'monitor');
  const startsFile = path.join(dir, 'starts');
  const hanging = `echo x >> '${startsFile}'; if [ -f '${dir}/healthy' ]; then echo ok; exit 0; fi; sleep 5`;
  return {
    dir,
    monitor,
    hanging,
    starts: () => (fs.existsSync(startsFile) ? fs.readFileSync(startsFile, 'utf8').split('\n').filter(Boolean).length : 0),
    fire: (config, session = 's1', event = 'UserPromptSubmit') => {
      const input = {
        session_id: session,
        hook_event_name: event,
        prompt: 'p',
        cwd: dir,
        ...(event === 'PreToolUse' ? { tool_name: 'Bash', tool_input: { command: 'ls' } } : {}),
      };
      return executeEvent(event, input, config, { projectDir: dir, killGraceMs: 50, breaker: { dir: monitor } });
    },
  };
}

const slow = (s: Setup, extra: Record<string, unknown> = {}) => ({ id: 'slow', command: s.hanging, timeout: 0.3, ...extra });
const BREAKER_LINE = /^hook-executor: slow timed out twice in a row \(0\.3 s each\), so it is skipped for the next [\d.]+ s, then tried once/m;
const systemMessage = (r: ExecuteResult) => (r.stdout.startsWith('{') ? ((JSON.parse(r.stdout) as { systemMessage?: string }).systemMessage ?? '') : '');
const skipped = (r: ExecuteResult, id = 'slow') => r.record.hooks.find((h) => h.id === id)?.skipped;

async function untilHalfOpen(s: Setup): Promise<void> {
  const entry = Object.values(readBreakerState(s.monitor).hooks)[0]!;
  await sleep(Math.max(0, entry.openUntil! - Date.now()) + 30);
}

describe('a hook that hangs on every event', () => {
  test('is skipped after N events, told once per session, tried once after the cool-off, and closed when it answers', async () => {
    const s = setup();
    const config = simpleConfig('UserPromptSubmit', [slow(s), { id: 'fast', command: 'echo fast-context' }], { breaker: { after: 2, coolOff: 3 } });
    const first = await s.fire(config);
    expect(systemMessage(first)).toBe('slow: timed out after 0.3 s; it gave no decision');
    const second = await s.fire(config);
    expect(systemMessage(second)).toMatch(BREAKER_LINE);
    expect(s.starts()).toBe(2);

    // Open: not started at all; the other hook still answers; the same session is not told again.
    const third = await s.fire(config);
    expect(s.starts()).toBe(2);
    expect(skipped(third)).toBe('breaker open (timed out twice in a row (0.3 s each))');
    expect(third.stdout).toBe('fast-context\n');
    // Another session is told, once.
    expect(systemMessage(await s.fire(config, 's2'))).toMatch(BREAKER_LINE);
    expect((await s.fire(config, 's2')).stdout).toBe('fast-context\n');
    expect(s.starts()).toBe(2);

    // Half-open: one trial; it hangs again, so the breaker opens again (nobody told twice).
    await untilHalfOpen(s);
    const trial = await s.fire(config);
    expect(s.starts()).toBe(3);
    expect(systemMessage(trial)).toBe('slow: timed out after 0.3 s; it gave no decision');
    expect(skipped(await s.fire(config))).toMatch(/^breaker open/);
    expect(s.starts()).toBe(3);

    // Fixed: the next trial answers, the breaker closes and forgets the hook.
    fs.writeFileSync(path.join(s.dir, 'healthy'), '');
    await untilHalfOpen(s);
    expect((await s.fire(config)).stdout).toBe('ok\n\nfast-context\n');
    expect(readBreakerState(s.monitor).hooks).toEqual({});
    await s.fire(config);
    expect(s.starts()).toBe(5);
  }, 30_000);

  test('a hook waiting for a skipped one still runs; with "breaker": false nothing is skipped', async () => {
    const s = setup();
    const config = simpleConfig('UserPromptSubmit', [slow(s), { id: 'after-slow', command: 'echo dependent-ran', after: ['slow'] }], {
      breaker: { after: 1, coolOff: 60 },
    });
    await s.fire(config);
    const skippedRun = await s.fire(config);
    expect(skipped(skippedRun)).toMatch(/^breaker open/);
    expect(skippedRun.stdout).toBe('dependent-ran\n');

    const off = setup();
    const never = simpleConfig('UserPromptSubmit', [slow(off, { breaker: false })], { breaker: { after: 1, coolOff: 60 } });
    for (let i = 0; i < 3; i++) await off.fire(never);
    expect(off.starts()).toBe(3);
    expect(readBreakerState(off.monitor).hooks).toEqual({});
  }, 30_000);
});

describe('gates are never skipped silently', () => {
  test('gate: true keeps running every time; its session is told once that it is not skipped', async () => {
    const s = setup();
    const config = simpleConfig('UserPromptSubmit', [slow(s, { gate: true })], { breaker: { after: 2, coolOff: 60 } });
    const messages: string[] = [];
    for (let i = 0; i < 4; i++) messages.push(systemMessage(await s.fire(config)));
    expect(s.starts()).toBe(4);
    expect(messages.filter((m) => m.includes('but it is a gate (marked gate: true), so it still runs every time'))).toHaveLength(1);
  }, 30_000);

  test('a hook that denied before (in the store, or seen by the breaker) is a gate', async () => {
    const s = setup();
    recordRun(
      {
        v: 1,
        run_id: 'old',
        ts: new Date().toISOString(),
        event: 'PreToolUse',
        source: 'run',
        wall_ms: 5,
        hooks: [{ id: 'slow', start_ms: 0, end_ms: 5, exit_code: 0, timed_out: false, decision: 'deny', stdout_bytes: 10, stderr_bytes: 0 }],
      },
      { dir: s.monitor },
    );
    const config = simpleConfig('PreToolUse', [slow(s)], { breaker: { after: 1, coolOff: 60 } }, 'Bash');
    for (let i = 0; i < 3; i++) await s.fire(config, 's1', 'PreToolUse');
    expect(s.starts()).toBe(3);
    expect(Object.values(readBreakerState(s.monitor).hooks)[0]).toMatchObject({ blocked: true, searched: true, failures: 3 });

    const seen = setup();
    const denyOnce = `if [ ! -f '${seen.dir}/denied' ]; then touch '${seen.dir}/denied'; printf '%s' ` +
      `'{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"no"}}'; exit 0; fi; ${seen.hanging}`;
    const gate = simpleConfig('PreToolUse', [{ id: 'slow', command: denyOnce, timeout: 0.3 }], { breaker: { after: 1, coolOff: 60 } }, 'Bash');
    expect(JSON.parse((await seen.fire(gate, 's1', 'PreToolUse')).stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    for (let i = 0; i < 3; i++) await seen.fire(gate, 's1', 'PreToolUse');
    expect(seen.starts()).toBe(3);
  }, 30_000);

  test('under failClosed an open gate blocks with a one-line reason, without running, until its trial', async () => {
    const s = setup();
    const config = simpleConfig('PreToolUse', [slow(s, { gate: true })], { failClosed: true, breaker: { after: 2, coolOff: 3 } }, 'Bash');
    await s.fire(config, 's1', 'PreToolUse');
    const opening = await s.fire(config, 's1', 'PreToolUse');
    expect(systemMessage(opening)).toMatch(
      /^hook-executor: gate slow timed out twice in a row \(0\.3 s each\); blocking \(failClosed\) until it answers again/,
    );
    const blocked = await s.fire(config, 's1', 'PreToolUse');
    expect(s.starts()).toBe(2);
    const answer = JSON.parse(blocked.stdout).hookSpecificOutput;
    expect(answer.permissionDecision).toBe('deny');
    expect(answer.permissionDecisionReason).toMatch(
      new RegExp(
        String.raw`^hook-executor: gate slow timed out twice in a row \(0\.3 s each\); blocking \(failClosed\) until it answers again ` +
          '\\(next try in [\\d.]+ s; `hook-executor breaker reset slow` tries it now\\)$',
      ),
    );
    expect(answer.permissionDecisionReason).not.toContain('\n');
    // UserPromptSubmit: the prompt is blocked the same way.
    const prompt = simpleConfig('UserPromptSubmit', [slow(s, { gate: true })], { failClosed: true, breaker: { after: 2, coolOff: 3 } });
    await s.fire(prompt);
    await s.fire(prompt);
    expect(JSON.parse((await s.fire(prompt)).stdout)).toMatchObject({
      decision: 'block',
      reason: expect.stringMatching(/^hook-executor: gate slow timed out twice/),
    });

    fs.writeFileSync(path.join(s.dir, 'healthy'), '');
    await untilHalfOpen(s);
    const trial = await s.fire(config, 's1', 'PreToolUse');
    expect(trial.stdout).toBe('');
    expect(trial.exitCode).toBe(0);
  }, 30_000);
});
