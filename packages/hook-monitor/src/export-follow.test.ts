// Streaming to a real OTLP/HTTP receiver on 127.0.0.1: `export --follow` processes following a store
// that real recorders append to, and the recorder starting a follower itself when
// HOOK_MONITOR_OTLP_URL is set. Followers are real, detached processes, stopped by their pid.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FOLLOW_LOG_FILE } from './export-follow.js';
import { FOLLOW_LOCK_FILE, FOLLOW_STARTING_FILE } from './otlp-follower.js';
import { recordRun } from './record-run.js';
import { FOLLOW_STATE_FILE } from './store-tail.js';
import { attr, startOtlpReceiver } from './test-helpers/otlp-receiver.js';
import type { OtlpReceiver } from './test-helpers/otlp-receiver.js';
import { BIN, DIST_INDEX, tempDir } from './test-helpers/paths.js';
import { runProcess } from './test-helpers/run-process.js';
import { sampleRecord } from './test-helpers/sample-record.js';

let receiver: OtlpReceiver;
beforeAll(async () => (receiver = await startOtlpReceiver()));
afterAll(() => receiver.close());

const run = (id: string, source: 'run' | 'transcript' = 'run') =>
  sampleRecord(id, [['lint', 0, 12], ['ctx', 0, 30]], { ts: new Date().toISOString(), wall_ms: 31, source });

/** How many root spans (runs) the receiver got for `runId`. */
const rootsOf = (runId: string) => receiver.spans().filter((span) => !span.parentSpanId && attr(span, 'hook.run_id') === runId).length;

async function until(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function lockPid(dir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dir, FOLLOW_LOCK_FILE), 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

/** The follower holds the store and has placed itself (runs recorded from now on are sent). */
const ready = (dir: string, pid: number | undefined) => lockPid(dir) === pid && fs.existsSync(path.join(dir, FOLLOW_STATE_FILE));

function startFollower(dir: string) {
  const child = spawn(process.execPath, [BIN, 'export', '--otlp', receiver.url, '--follow', '--dir', dir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, exit, stdout: () => stdout, stderr: () => stderr };
}

describe('hook-monitor export --otlp --follow (real receiver)', () => {
  test('new runs only, each once, across a rotation and a restart; transcripts are not streamed; one follower per store', async () => {
    const dir = tempDir();
    recordRun(run('old'), { dir });
    const first = startFollower(dir);
    await until('the follower to be ready', () => ready(dir, first.child.pid));
    recordRun(run('r1'), { dir });
    recordRun(run('imported', 'transcript'), { dir });
    recordRun(run('r2'), { dir, rotateBytes: 1 }); // runs.jsonl is renamed after this write
    recordRun(run('r3'), { dir }); // into a fresh runs.jsonl
    await until('r1, r2 and r3', () => ['r1', 'r2', 'r3'].every((id) => rootsOf(id) === 1));

    const second = startFollower(dir);
    expect(await second.exit).toBe(0);
    expect(second.stderr()).toBe('');
    expect(JSON.parse(second.stdout())).toMatchObject({ busy: first.child.pid, runs: 0 });

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(JSON.parse(first.stdout())).toMatchObject({ runs: 3, spans: 9, stopped: 'signal' });
    expect(fs.existsSync(path.join(dir, FOLLOW_LOCK_FILE))).toBe(false);

    recordRun(run('r4'), { dir }); // while no follower runs
    const third = startFollower(dir);
    await until('r4', () => rootsOf('r4') === 1);
    third.child.kill('SIGTERM');
    expect(await third.exit).toBe(0);
    expect(JSON.parse(third.stdout())).toMatchObject({ runs: 1 });
    expect(['old', 'imported'].map(rootsOf)).toEqual([0, 0]);
    expect(['r1', 'r2', 'r3', 'r4'].map(rootsOf)).toEqual([1, 1, 1, 1]);
    const r1 = receiver.spans().find((span) => attr(span, 'hook.run_id') === 'r1')!;
    expect(receiver.spans().filter((span) => span.parentSpanId === r1.spanId).map((span) => span.name).sort()).toEqual(['ctx', 'lint']);
  }, 60_000);

  test('no --otlp and no HOOK_MONITOR_OTLP_URL: one line and exit 1', async () => {
    const env = { ...process.env };
    delete env.HOOK_MONITOR_OTLP_URL;
    const result = await runProcess(process.execPath, [BIN, 'export', '--follow', '--dir', tempDir()], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.toString()).toMatch(/^hook-monitor: export needs --otlp URL \(or HOOK_MONITOR_OTLP_URL\)[^\n]*\n$/);
  });

  test('a follower killed without cleaning up: the next one takes its lock over', async () => {
    const dir = tempDir();
    const lock = JSON.stringify(path.join(dir, FOLLOW_LOCK_FILE));
    const dead = await runProcess(process.execPath, ['-e', `require('fs').writeFileSync(${lock}, process.pid + ' 0 1 x')`]);
    expect(dead.code).toBe(0);
    const follower = startFollower(dir);
    await until('the follower to be ready', () => ready(dir, follower.child.pid));
    follower.child.kill('SIGTERM');
    expect(await follower.exit).toBe(0);
  }, 30_000);

  test('a guest: it exits after --idle-exit with nothing new, and when its store is removed', async () => {
    const idleDir = tempDir();
    const idle = spawn(process.execPath, [BIN, 'export', '--otlp', receiver.url, '--follow', '--dir', idleDir, '--idle-exit', '1s', '--json']);
    let idleOut = '';
    idle.stdout.on('data', (chunk: Buffer) => (idleOut += chunk));
    const idleExit = new Promise((resolve) => idle.on('close', resolve));
    const gone = tempDir();
    const removed = startFollower(gone);
    await until('the follower to be ready', () => ready(gone, removed.child.pid));
    fs.rmSync(gone, { recursive: true, force: true });
    expect(await removed.exit).toBe(0);
    expect(JSON.parse(removed.stdout())).toMatchObject({ stopped: 'store removed' });
    expect(fs.existsSync(gone)).toBe(false); // not made again on the way out
    expect(await idleExit).toBe(0);
    expect(JSON.parse(idleOut)).toMatchObject({ runs: 0, stopped: 'idle' });
    expect(fs.existsSync(path.join(idleDir, FOLLOW_LOCK_FILE))).toBe(false);
  }, 30_000);

  test('a receiver refusing for a while: the run is sent once it answers', async () => {
    const dir = tempDir();
    const follower = startFollower(dir);
    await until('the follower to be ready', () => ready(dir, follower.child.pid));
    const refusedBefore = receiver.refused();
    receiver.failNext(3);
    recordRun(run('late'), { dir });
    await until('the refused run', () => rootsOf('late') >= 1, 40_000);
    expect(receiver.refused() - refusedBefore).toBe(3);
    follower.child.kill('SIGTERM');
    expect(await follower.exit).toBe(0);
  }, 60_000);

  test('HOOK_MONITOR_OTLP_URL: the recorder starts one background follower, which sends that run and the next', async () => {
    const dir = tempDir();
    const recorder = `import { recordRun } from ${JSON.stringify(DIST_INDEX)};
      recordRun({ v: 1, run_id: process.argv[1], ts: new Date().toISOString(), event: 'Stop', source: 'run', wall_ms: 5,
        hooks: [{ id: 'notify', start_ms: 0, end_ms: 5, exit_code: 0, timed_out: false, stdout_bytes: 0, stderr_bytes: 0 }] });`;
    // A URL with a key in it: it must not show in the follower's command line or log.
    const env = { ...process.env, HOOK_MONITOR_DIR: dir, HOOK_MONITOR_OTLP_URL: `${receiver.url}?key=SECRET-MARK` };
    const record = (id: string) => runProcess(process.execPath, ['--input-type=module', '-e', recorder, id], { env });
    let pid: number | undefined;
    try {
      expect((await record('auto-1')).code).toBe(0);
      await until('the first run, sent by the follower the recorder started', () => rootsOf('auto-1') === 1);
      pid = lockPid(dir);
      expect(pid).toEqual(expect.any(Number));
      expect(fs.existsSync(path.join(dir, FOLLOW_STARTING_FILE))).toBe(false);
      expect((await record('auto-2')).code).toBe(0);
      await until('the second run', () => rootsOf('auto-2') === 1);
      expect(lockPid(dir)).toBe(pid); // the same follower: the second run started none
      expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain('SECRET-MARK');
      expect(fs.readFileSync(path.join(dir, FOLLOW_LOG_FILE), 'utf8')).toContain(`to ${receiver.url}\n`);
      expect(fs.readFileSync(path.join(dir, FOLLOW_LOG_FILE), 'utf8')).not.toContain('SECRET-MARK');
    } finally {
      if (pid !== undefined) process.kill(pid, 'SIGTERM');
    }
    await until('the follower to stop', () => !fs.existsSync(path.join(dir, FOLLOW_LOCK_FILE)));
  }, 60_000);
});
