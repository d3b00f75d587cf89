import { describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, storeLines, tempDir } from './test-helpers/paths.js';
import { runProcess } from './test-helpers/run-process.js';

// Every test runs the real binary, which runs a real child command.
function wrap(dir: string, id: string, command: string[], input: Buffer | string = '') {
  return runProcess(process.execPath, [BIN, 'wrap', '--id', id, '--dir', dir, '--', ...command], { input });
}

describe('hook-monitor wrap', () => {
  test('passes binary stdin → stdout through byte for byte, and stderr too', async () => {
    const dir = tempDir();
    const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(512 * 1024)]);
    const result = await wrap(dir, 'cat', ['sh', '-c', 'cat; printf "warn\\000\\377" >&2'], bytes);
    expect(result.code).toBe(0);
    expect(result.stdout.equals(bytes)).toBe(true);
    expect(result.stderr.equals(Buffer.from('warn\u0000\u00ff', 'latin1'))).toBe(true);
    const [record] = storeLines(dir).map((line) => JSON.parse(line));
    expect(record).toMatchObject({ v: 1, source: 'wrap', event: 'unknown' });
    expect(record.hooks).toEqual([
      expect.objectContaining({ id: 'cat', exit_code: 0, timed_out: false, stdout_bytes: bytes.length, stderr_bytes: 6 }),
    ]);
    expect(record.wall_ms).toBeGreaterThan(0);
  });

  test.each([
    [0, undefined],
    [2, 'block'],
    [7, 'none'],
  ])('exits with the child’s code %i and records it', async (code, decision) => {
    const dir = tempDir();
    const result = await wrap(dir, 'exit', ['sh', '-c', `echo out; echo err >&2; exit ${code}`]);
    expect(result.code).toBe(code);
    expect(result.stdout.toString()).toBe('out\n');
    expect(result.stderr.toString()).toBe('err\n');
    const [record] = storeLines(dir).map((line) => JSON.parse(line));
    expect(record.hooks[0].exit_code).toBe(code);
    if (decision) expect(record.hooks[0].decision).toBe(decision);
    if (code === 7) expect(record.hooks[0].error).toBe('exit 7');
  });

  test('takes the event, session and matcher target from stdin, and never stores the prompt or tool input', async () => {
    const dir = tempDir();
    const prompt = 'PLEASE-KEEP-THIS-PROMPT-PRIVATE';
    const ups = JSON.stringify({ hook_event_name: 'UserPromptSubmit', session_id: 'sess-1', prompt });
    const ctx = await wrap(dir, 'ctx', ['sh', '-c', 'cat >/dev/null; echo "remember the tests"'], ups);
    expect(ctx.code).toBe(0);
    const pre = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: `rm -rf ${prompt}` } });
    const deny = `{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"${prompt}"}}`;
    await wrap(dir, 'guard', ['sh', '-c', `cat >/dev/null; echo '${deny}'`], pre);
    const text = fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name), 'utf8')).join('');
    expect(text).not.toContain(prompt);
    expect(text).not.toContain('remember the tests');
    const [first, second] = storeLines(dir).map((line) => JSON.parse(line));
    expect(first).toMatchObject({ event: 'UserPromptSubmit', session_id: 'sess-1', hooks: [expect.objectContaining({ decision: 'context' })] });
    expect(second).toMatchObject({ event: 'PreToolUse', target: 'Bash', hooks: [expect.objectContaining({ decision: 'deny' })] });
  });

  test('with HOOK_MONITOR_STORE_INPUT=1 the input is kept, truncated (the documented opt-in)', async () => {
    const dir = tempDir();
    const input = JSON.stringify({ hook_event_name: 'UserPromptSubmit', prompt: 'x'.repeat(5000) });
    const result = await runProcess(process.execPath, [BIN, 'wrap', '--id', 'in', '--dir', dir, '--', 'true'], {
      input,
      env: { ...process.env, HOOK_MONITOR_STORE_INPUT: '1' },
    });
    expect(result.code).toBe(0);
    const [record] = storeLines(dir).map((line) => JSON.parse(line));
    expect(record.input).toBe(`${input.slice(0, 2000)}…`);
    // `true` never read its stdin; the wrapper still read the event name from it
    expect(record.event).toBe('UserPromptSubmit');
  });

  test('a command that cannot start exits 127 and is recorded as a crash', async () => {
    const dir = tempDir();
    const result = await wrap(dir, 'missing', ['/nonexistent/hook-binary']);
    expect(result.code).toBe(127);
    expect(result.stderr.toString()).toContain('cannot run "/nonexistent/hook-binary"');
    const [record] = storeLines(dir).map((line) => JSON.parse(line));
    expect(record.hooks[0]).toMatchObject({ exit_code: null, error: 'spawn ENOENT' });
  });

  test('a child killed by a signal kills the wrapper with the same signal', async () => {
    const dir = tempDir();
    const result = await wrap(dir, 'killed', ['sh', '-c', 'kill -TERM $$']);
    expect(result.signal).toBe('SIGTERM');
    const [record] = storeLines(dir).map((line) => JSON.parse(line));
    expect(record.hooks[0]).toMatchObject({ exit_code: null, error: 'killed by SIGTERM' });
  });

  test('a hook that ignores a still-open stdin does not keep the wrapper alive', async () => {
    const dir = tempDir();
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'wrap', '--id', 'quick', '--dir', dir, '--', 'true'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.write('{"partial":');
    const code = await new Promise((resolve) => child.on('close', resolve));
    child.stdin.destroy();
    expect(code).toBe(0);
  });

  test('misusing wrap exits 1, never 2 (which Claude Code would read as block)', async () => {
    const dir = tempDir();
    const noId = await runProcess(process.execPath, [BIN, 'wrap', '--', 'true']);
    expect(noId.code).toBe(1);
    expect(noId.stderr.toString().trim()).toBe('hook-monitor: wrap: --id is required, e.g. hook-monitor wrap --id lint -- ./lint.sh');
    const noCommand = await runProcess(process.execPath, [BIN, 'wrap', '--id', 'x', '--dir', dir]);
    expect(noCommand.code).toBe(1);
    const help = await runProcess(process.execPath, [BIN, 'wrap', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toContain('wrap --id NAME');
  });
});
