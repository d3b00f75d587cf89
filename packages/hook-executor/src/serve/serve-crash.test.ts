// The fault suite's crash half (RELIABILITY.md): `serve` killed with SIGKILL in the middle of a
// request leaves nothing that blocks what comes next — `run` answers, a fresh `serve --ensure`
// starts on the same port, and a torn hook-monitor record does not break a report.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { alive, PACKAGE_DIR, runBin, sleep, tempDir } from '../test-helpers/fixtures.js';
import { hookPost, records, serveEnv, type RunningServe, type ServeEnv } from '../test-helpers/serve.js';

const MONITOR_BIN = path.resolve(PACKAGE_DIR, '../hook-monitor/bin/hook-monitor.js');
const GATE = '{"decision":"block","reason":"stop here"}';
const used: ServeEnv[] = [];
const orphans: number[] = [];
afterEach(async () => {
  for (const s of used.splice(0)) await runBin(['serve', '--stop'], { env: s.env });
  for (const pid of orphans.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
const state = (s: ServeEnv) => JSON.parse(fs.readFileSync(path.join(s.state, 'serve.json'), 'utf8')) as { pid: number; url: string; port: number };
const asServer = (s: ServeEnv): RunningServe => {
  const { pid, url } = state(s);
  const token = fs.readFileSync(path.join(s.state, 'token'), 'utf8').trim();
  return { url, pid, token } as RunningServe;
};

describe('serve killed with SIGKILL mid-request', () => {
  test('the next `run` answers, a fresh `serve --ensure` starts on the same port, a torn monitor record does not break the report', async () => {
    const s = serveEnv();
    used.push(s);
    const port = await freePort();
    fs.mkdirSync(s.state, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(s.state, 'port'), `${port}\n`, { mode: 0o600 }); // as `install --mode http` registers it
    const dir = tempDir('hook-executor-crash-');
    const pids = path.join(dir, 'pids');
    fs.mkdirSync(path.join(dir, '.claude'));
    fs.writeFileSync(
      path.join(dir, '.claude', 'hook-executor.json'),
      JSON.stringify({
        hooks: {
          UserPromptSubmit: [{ hooks: [{ type: 'command', id: 'gate', command: `printf '${GATE}'` }] }],
          Stop: [{ hooks: [{ type: 'command', id: 'slow', command: `echo $$ >> ${pids}; sleep 30` }] }],
        },
      }),
    );
    const input = (event: string) => JSON.stringify({ session_id: 'crash', cwd: dir, hook_event_name: event, prompt: 'p' });

    expect((await runBin(['serve', '--ensure'], { env: s.env, input: input('SessionStart') })).code).toBe(0);
    const first = state(s);
    expect(first.port).toBe(port);

    const inFlight = hookPost(asServer(s), 'Stop', JSON.parse(input('Stop'))).then(
      () => 'answered',
      () => 'connection lost',
    );
    for (let i = 0; i < 500 && !fs.existsSync(pids); i++) await sleep(20);
    process.kill(first.pid, 'SIGKILL');
    expect(await inFlight).toBe('connection lost');
    for (let i = 0; i < 500 && alive(first.pid); i++) await sleep(20);
    expect(alive(first.pid)).toBe(false);
    // The hook it was running is in its own process group: a SIGKILLed server cannot stop it (README).
    orphans.push(...fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number));

    // Command mode does not depend on the server.
    const run = await runBin(['run', '--event', 'UserPromptSubmit'], { env: s.env, input: input('UserPromptSubmit') });
    expect(run).toMatchObject({ code: 0, stdout: `${GATE}\n` });

    // The stale serve.json names a dead pid: not running, and --ensure replaces it on the same port.
    expect((await runBin(['serve', '--status'], { env: s.env })).code).toBe(3);
    expect((await runBin(['serve', '--ensure'], { env: s.env, input: input('SessionStart') })).code).toBe(0);
    const second = state(s);
    expect(second.pid).not.toBe(first.pid);
    expect(second.port).toBe(port);
    const answer = await hookPost(asServer(s), 'UserPromptSubmit', JSON.parse(input('UserPromptSubmit')));
    expect(JSON.parse(answer.body)).toEqual(JSON.parse(GATE));

    // A record torn by a kill in the middle of its write (no newline), then more records after it.
    const store = path.join(s.monitor, 'runs.jsonl');
    const intact = records(s).length;
    fs.appendFileSync(store, '{"v":1,"run_id":"torn","event":"Stop","hooks":[{"id":"sl');
    await runBin(['run', '--event', 'UserPromptSubmit'], { env: s.env, input: input('UserPromptSubmit') });
    await hookPost(asServer(s), 'UserPromptSubmit', JSON.parse(input('UserPromptSubmit')));
    const report = execFileSync(process.execPath, [MONITOR_BIN, 'report', '--json', '--dir', s.monitor], { encoding: 'utf8' });
    const parsed = JSON.parse(report) as { runs: number; corrupt: number };
    expect(parsed.corrupt).toBeGreaterThanOrEqual(1);
    expect(parsed.runs).toBeGreaterThanOrEqual(intact);
    const text = execFileSync(process.execPath, [MONITOR_BIN, 'report', '--dir', s.monitor], { encoding: 'utf8' });
    expect(text).toMatch(/UserPromptSubmit/);
  }, 120_000);
});
