import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from '@jest/globals';
import { configOf, alive, sleep, tempDir } from '../test-helpers/fixtures.js';
import { runCommand } from './run-command.js';

const handler = (command: string, args?: string[]) =>
  configOf({ hooks: { Stop: [{ hooks: [{ type: 'command', command, ...(args ? { args } : {}) }] }] } }).events.get('Stop')![0]!;
const base = { cwd: '/tmp', env: process.env, stdin: '{}' };

// What the process still holds after a full GC (JS heap plus Buffers). RSS alone also counts the
// chunks a 50 MB stream left for the collector, ±several MB with its timing.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const retained = (): number => {
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

describe('runCommand', () => {
  test('a timeout kills the whole process group: grandchildren too, even one ignoring SIGTERM', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    const command = [
      `sleep 100 & echo $! >> ${pids}`,
      `sleep 100 & echo $! >> ${pids}`,
      `sh -c 'trap "" TERM; echo $$ >> ${pids}; while :; do sleep 0.05; done' &`,
      'sleep 100',
    ].join('\n');
    const start = performance.now();
    // Long enough for all three to have started on a busy machine; far below the sleeps' 100 s.
    const run = await runCommand(handler(command), { ...base, timeoutMs: 1500, killGraceMs: 200 });
    expect(performance.now() - start).toBeLessThan(20_000);
    expect(run).toMatchObject({ timedOut: true, exitCode: null });
    const list = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(list).toHaveLength(3);
    for (let i = 0; i < 500 && list.some(alive); i++) await sleep(20);
    expect(list.filter(alive)).toEqual([]);
  });

  test('a hook printing 50 MB: the first 1 MiB is kept, the rest counted, memory stays bounded', async () => {
    const before = retained();
    const run = await runCommand(handler('head -c 52428800 /dev/zero | tr "\\0" a; echo done >&2'), { ...base, timeoutMs: 60_000 });
    expect(run.exitCode).toBe(0);
    expect(run.stdoutBytes).toBe(52428800);
    expect(run.stdout.length).toBe(1024 * 1024);
    expect(run.stdoutTruncated).toBe(true);
    expect(run.stderr).toBe('done\n');
    expect(retained() - before).toBeLessThan(40 * 1024 * 1024);
  });

  test('a hook that never reads a large stdin does not break the run (EPIPE ignored)', async () => {
    const run = await runCommand(handler('exit 0'), { ...base, stdin: 'x'.repeat(4 * 1024 * 1024), timeoutMs: 10_000 });
    expect(run).toMatchObject({ exitCode: 0, timedOut: false });
  });

  test('exec form: no shell, placeholders substituted per argument', async () => {
    const run = await runCommand(handler('printf', ['%s|%s', '${CLAUDE_PROJECT_DIR}/x', '$(not expanded)']), {
      ...base,
      env: { ...process.env, CLAUDE_PROJECT_DIR: '/proj' },
      timeoutMs: 5000,
    });
    expect(run.stdout).toBe('/proj/x|$(not expanded)');
  });

  test('a hook that exits leaving a background child holding stdout does not hold up the run', async () => {
    const start = performance.now();
    const run = await runCommand(handler('sleep 20 & echo quick'), { ...base, timeoutMs: 60_000 });
    expect(performance.now() - start).toBeLessThan(10_000); // not the child's 20 s
    expect(run).toMatchObject({ exitCode: 0, stdout: 'quick\n' });
  });

  test('an abort signal kills the group and marks the run cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const run = await runCommand(handler('sleep 30'), { ...base, timeoutMs: 60_000, signal: controller.signal, killGraceMs: 100 });
    expect(run).toMatchObject({ cancelled: true, timedOut: false, exitCode: null });
  });

  test('output already written is kept when the event loop is too busy to read it before the drain window ends', async () => {
    // Make the loop reap the hook's exit in a turn that has not seen its output yet, then stay busy
    // past the drain window: another child's EOF keeps the loop busy while the hook writes and exits,
    // and its exit keeps it busy again once both exits were reaped.
    const busy = (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end);
    };
    for (let i = 0; i < 5; i++) {
      const other = spawn('/bin/sh', ['-c', 'exit 0']);
      other.stdout.on('end', () => busy(300));
      other.on('exit', () => setImmediate(() => busy(100)));
      const run = await runCommand(handler('sleep 0.1; printf \'{"decision":"block"}\''), { ...base, timeoutMs: 10_000 });
      expect(run).toMatchObject({ exitCode: 0, stdout: '{"decision":"block"}', stdoutBytes: 20 });
    }
  });

  test('processes a hook leaves in its group are stopped when it exits; its answer does not wait for them', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    const command = [
      `sleep 999 & echo $! >> ${pids}`,
      `sh -c 'trap "" TERM; echo $$ >> ${pids}; while :; do sleep 0.05; done' >/dev/null 2>&1 &`,
      'sleep 0.1',
      'echo answered',
    ].join('\n');
    const run = await runCommand(handler(command), { ...base, timeoutMs: 10_000, killGraceMs: 200 });
    expect(run).toMatchObject({ exitCode: 0, stdout: 'answered\n', timedOut: false });
    const list = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(list).toHaveLength(2);
    for (let i = 0; i < 500 && list.some(alive); i++) await sleep(20);
    expect(list.filter(alive)).toEqual([]); // the one ignoring SIGTERM too, after the grace
  });

  test('a process that left the group (setsid) is out of reach: it survives, and holding stdout delays nothing', async () => {
    const pidFile = path.join(tempDir(), 'pid');
    const run = await runCommand(handler(`setsid sh -c 'echo $$ > ${pidFile}; exec sleep 30' & sleep 0.1; echo answered`), { ...base, timeoutMs: 10_000 });
    expect(run).toMatchObject({ exitCode: 0, stdout: 'answered\n' });
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    try {
      expect(alive(pid)).toBe(true);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });
});
