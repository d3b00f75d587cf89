// `breaker status|reset [ID]` and what `check` says about breakers and timeouts, through the real binary.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { recordRun } from '@fanout/hook-monitor';
import { readBreakerState } from '@fanout/hook-monitor/breaker';
import { runBin, tempDir } from '../test-helpers/fixtures.js';

function project(config: unknown) {
  const dir = tempDir('breaker-cli-');
  const monitor = path.join(dir, 'monitor');
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  fs.mkdirSync(path.join(dir, '.claude'));
  fs.writeFileSync(path.join(dir, '.claude', 'hook-executor.json'), JSON.stringify(config));
  const env = { ...process.env, HOME: home, CLAUDE_PROJECT_DIR: dir, HOOK_MONITOR_DIR: monitor };
  return {
    dir,
    monitor,
    cli: (...args: string[]) => runBin(args, { env, cwd: dir }),
    event: () =>
      runBin(['run', '--event', 'UserPromptSubmit'], {
        env,
        cwd: dir,
        input: JSON.stringify({ session_id: 's', cwd: dir, hook_event_name: 'UserPromptSubmit', prompt: 'hi' }),
      }),
  };
}

describe('breaker status and reset', () => {
  test('show an open breaker, reset it by id, and say so when there is nothing', async () => {
    const p = project({ breaker: { after: 1 }, hooks: { UserPromptSubmit: [{ hooks: [{ id: 'slow', command: 'sleep 5', timeout: 0.3 }] }] } });
    expect((await p.cli('breaker', 'status')).stdout).toMatch(/^no breakers yet \(.*breaker\.json\): no hook has timed out or crashed\n$/);
    await p.event();
    const status = await p.cli('breaker', 'status');
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(status.stdout).toMatch(/^slow \(UserPromptSubmit\): open: skipped for another 10 min, then tried once; timed out once in a row \(0\.3 s each\); /);
    expect(status.stdout).toMatch(/; 1 timeout or crash counted — .*\.claude\/hook-executor\.json\n$/);
    const json = JSON.parse((await p.cli('breaker', 'status', 'slow', '--json')).stdout);
    const open = { id: 'slow', event: 'UserPromptSubmit', state: 'open', failures: 1, timeouts: 1, gate: false, told: 1 };
    expect(json.breakers).toEqual([expect.objectContaining(open)]);

    const unknown = await p.cli('breaker', 'reset', 'slwo');
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'hook-executor: no breaker for hook "slwo" (breakers: slow)\n' });
    const reset = await p.cli('breaker', 'reset', 'slow');
    expect(reset).toMatchObject({ code: 0, stdout: 'reset 1 breaker: slow (UserPromptSubmit); they run again from the next event\n' });
    expect(readBreakerState(p.monitor).hooks).toEqual({});
    expect(JSON.parse((await p.cli('breaker', 'reset', '--json')).stdout)).toMatchObject({ reset: [] });
    expect((await p.cli('breaker', 'reset')).stdout).toBe('no breaker to reset: every hook is running\n');
    const bad = await p.cli('breaker', 'open');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Invalid values:[\s\S]*"open"/);
  }, 30_000);
});

describe('check', () => {
  test('says which breaker rule applies to each hook, and flags timeouts that are too close or missing', async () => {
    const p = project({
      failClosed: true,
      breaker: { after: 4, coolOff: 120 },
      hooks: {
        UserPromptSubmit: [
          {
            hooks: [
              { id: 'ctx', command: 'echo ctx', timeout: 2 },
              { id: 'policy', command: './policy.sh', gate: true, timeout: 5 },
              { id: 'denier', command: './denier.sh', timeout: 5 },
              { id: 'tight', command: './tight.sh', timeout: 1 },
              { id: 'open-ended', command: './open.sh' },
              { id: 'never', command: './never.sh', timeout: 5, breaker: false },
              { id: 'notify', command: './notify.sh', background: true },
            ],
          },
        ],
      },
    });
    const hook = (id: string, ms: number, extra: Record<string, unknown> = {}) => ({
      id, start_ms: 0, end_ms: ms, exit_code: 0, timed_out: false, stdout_bytes: 0, stderr_bytes: 0, ...extra,
    });
    for (let i = 0; i < 20; i++) {
      recordRun(
        {
          v: 1, run_id: `r${i}`, ts: new Date().toISOString(), event: 'UserPromptSubmit', source: 'run', wall_ms: 950,
          hooks: [
            hook('tight', i < 2 ? 1000 : 950, i < 2 ? { timed_out: true, exit_code: null } : {}),
            hook('denier', 10, i === 3 ? { decision: 'block', exit_code: 2 } : {}),
            hook('ctx', 5),
          ],
        },
        { dir: p.monitor },
      );
    }
    const check = await p.cli('check');
    expect(check.code).toBe(0);
    const tagOf = (id: string) => new RegExp(`^  .{6}  ${id} .*; ([^;]*)\\)$`, 'm').exec(check.stdout)?.[1];
    expect(tagOf('ctx')).toBe('breaker: 4 timeouts/crashes in a row → skipped 2 min');
    expect(check.stdout).toMatch(/^ {10}policy .*; under serve: warm shell; gate \(gate: true\): never skipped, blocks when its breaker opens\)$/m);
    expect(check.stdout).toMatch(/^ {10}denier .*; gate \(denied or blocked 1 time in the store\): never skipped, blocks when its breaker opens\)$/m);
    expect(tagOf('never')).toBe('breaker off');
    expect(tagOf('notify')).toBe('no breaker (background)');
    expect(check.stderr).toContain(
      'warning: UserPromptSubmit: tight: p95 1 s in the store is near its timeout of 1 s, 2 timeouts recorded: make it faster or give it more time\n',
    );
    expect(check.stderr).toContain(
      'warning: UserPromptSubmit: open-ended has no "timeout": if it hangs, the user waits 30 s ' +
        `(Claude Code's default) on each event until its breaker opens (after 4)\n`,
    );
    expect(check.stderr).not.toMatch(/warning: UserPromptSubmit: (ctx|notify)/);

    const json = JSON.parse((await p.cli('check', '--json')).stdout);
    const byId = Object.fromEntries(json.events[0].waves.flat().map((h: { id: string; breaker: unknown }) => [h.id, h.breaker]));
    expect(byId.policy).toMatchObject({ kind: 'gate', gate: 'gate: true', after: 4, coolOff: 120 });
    expect(byId.denier.text).toBe(
      'a gate (denied or blocked 1 time in the store): never skipped; failClosed: after 4 timeouts or crashes in a row it blocks for 2 min',
    );
    expect(byId.ctx.text).toBe('skipped for 2 min after 4 timeouts or crashes in a row, then tried once');
    expect(byId.ctx).toMatchObject({ kind: 'breaker', after: 4, coolOff: 120 });
    expect(byId.never).toMatchObject({ kind: 'off' });
    expect(json.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^UserPromptSubmit: tight: p95/)]));
  }, 30_000);
});
