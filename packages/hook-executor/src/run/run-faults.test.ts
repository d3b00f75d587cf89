// `run` given bad input and broken configs, as a careless user or a hostile caller would: a config
// error on the event's path follows failClosed, odd inputs are accepted or refused in one line, an
// input that never ends does not hold the executor, and hooks leave nothing running behind them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { alive, PACKAGE_DIR, runBin, sleep, tempDir } from '../test-helpers/fixtures.js';

function project(config: unknown) {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, '.claude'));
  fs.writeFileSync(path.join(dir, '.claude', 'hook-executor.json'), typeof config === 'string' ? config : JSON.stringify(config));
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  return { dir, env: { ...process.env, HOME: home, CLAUDE_PROJECT_DIR: dir, HOOK_MONITOR_DIR: path.join(dir, 'monitor') } };
}
const bash = (dir: string) => JSON.stringify({ session_id: 's', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } });
const gate = (matcher: string, extra: Record<string, unknown> = {}) => ({
  ...extra,
  hooks: { PreToolUse: [{ matcher, hooks: [{ type: 'command', command: 'echo never' }] }] },
});

describe('run: broken configs on the event’s path', () => {
  test('the only matching group has an invalid matcher: failClosed blocks (exit 2, one line); otherwise exit 1, one line', async () => {
    const closed = project(gate('Bash(', { failClosed: true }));
    const blocked = await runBin(['run', '--event', 'PreToolUse'], { input: bash(closed.dir), env: closed.env });
    expect(blocked.code).toBe(2);
    expect(blocked.stdout).toBe('');
    expect(blocked.stderr).toMatch(
      /^hook-executor: \.claude\/hook-executor\.json: hooks\.PreToolUse\[0\]\.matcher is not a valid regular expression: .* \(failClosed: blocking\)\n$/,
    );
    const open = project(gate('Bash('));
    const failed = await runBin(['run', '--event', 'PreToolUse'], { input: bash(open.dir), env: open.env });
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a config that is not an object ([], "hooks": []) is a config error, not an empty config', async () => {
    for (const config of ['[]', '{"hooks": []}', '"hooks"', 'null']) {
      const p = project(config);
      const result = await runBin(['run', '--event', 'PreToolUse'], { input: bash(p.dir), env: p.env });
      expect([config, result.code]).toEqual([config, 1]);
      expect(result.stderr).toMatch(/^hook-executor: \.claude\/hook-executor\.json: .*must/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  test('a timeout Node’s timers cannot hold is a config error naming file and hook (blocking under failClosed), not a kill after 1 ms', async () => {
    const config = (failClosed: boolean) => ({ failClosed, hooks: { PreToolUse: [{ hooks: [{ type: 'command', command: 'echo ok', timeout: 2_147_484 }] }] } });
    const closed = project(config(true));
    const blocked = await runBin(['run', '--event', 'PreToolUse'], { input: bash(closed.dir), env: closed.env });
    expect(blocked).toMatchObject({ code: 2, stdout: '' });
    expect(blocked.stderr).toMatch(/hooks\.PreToolUse\[0\]\.hooks\[0\]\.timeout must be at most 2147483 seconds/);
    expect(blocked.stderr).not.toMatch(/TimeoutOverflowWarning/);
    const check = await runBin(['check'], { cwd: closed.dir, env: closed.env });
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^hook-executor: \.claude\/hook-executor\.json: hooks\.PreToolUse\[0\]\.hooks\[0\]\.timeout must be at most 2147483 seconds/);
  });
});

describe('run: odd inputs', () => {
  test('an input starting with a UTF-8 byte order mark is accepted', async () => {
    const p = project({
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'cat >/dev/null; echo \'{"decision":"block","reason":"r"}\'' }] }] },
    });
    const result = await runBin(['run', '--event', 'PreToolUse'], { input: `\uFEFF${bash(p.dir)}`, env: p.env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ hookSpecificOutput: { permissionDecision: 'deny', permissionDecisionReason: 'r' } });
  });

  test('stdin left open after a complete input: answered without waiting for EOF', async () => {
    const p = project({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo \'{"decision":"block","reason":"r"}\'' }] }] } });
    const child = spawn(process.execPath, [path.join(PACKAGE_DIR, 'bin', 'hook-executor.js'), 'run', '--event', 'PreToolUse'], {
      env: p.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stdin.write(bash(p.dir)); // and never closed
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin.destroy();
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ hookSpecificOutput: { permissionDecision: 'deny', permissionDecisionReason: 'r' } });
  });

  test('stdin left open with an incomplete input (or none): one line after the idle limit and a non-blocking end, never a hang', async () => {
    // The binary's limit is STDIN_IDLE_MS; the same function with a short one, on a real pipe that
    // stays open. The read blocked in the kernel cannot be interrupted: the process ends by SIGKILL.
    const script = `import('${path.join(PACKAGE_DIR, 'dist', 'run', 'read-stdin.js')}').then((m) => m.readStdin(300)).then(() => process.exit(0), ` +
      `(e) => { process.stderr.write(e.message + '\\n'); process.exit(1); });`;
    for (const written of ['{"session_id":"s","cw', '']) {
      const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdin.write(written);
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
      child.stdin.destroy();
      expect([code, signal]).toEqual([null, 'SIGKILL']);
      expect(stderr).toMatch(written ? /^stdin stayed open with an incomplete input \(21 bytes\) for 0\.3 s/ : /^stdin stayed open with no input for 0\.3 s/);
    }
  });
});

describe('run: what hooks leave behind', () => {
  test('a process left in the hook’s group, even one ignoring SIGTERM, does not outlive `run`', async () => {
    const pidFile = path.join(tempDir(), 'pid');
    const p = project({
      hooks: {
        Stop: [
          {
            hooks: [
              {
                type: 'command',
                command: `sh -c 'trap "" TERM; echo $$ > ${pidFile}; while :; do sleep 0.05; done' >/dev/null 2>&1 & sleep 0.1; echo done >&2`,
              },
            ],
          },
        ],
      },
    });
    const result = await runBin(['run', '--event', 'Stop'], { input: JSON.stringify({ session_id: 's', cwd: p.dir, hook_event_name: 'Stop' }), env: p.env });
    expect(result.code).toBe(0);
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    for (let i = 0; i < 500 && alive(pid); i++) await sleep(20);
    expect(alive(pid)).toBe(false);
  });
});
