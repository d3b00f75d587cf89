// One server per user: --ensure (concurrently too), --status, --stop, through the real binary.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { alive, runBin, sleep, tempDir } from '../test-helpers/fixtures.js';
import { hookPost, serveEnv as newServeEnv, serversOf, type ServeEnv } from '../test-helpers/serve.js';

// Every state dir a test used: its detached server is stopped even when the test failed half-way.
const used: ServeEnv[] = [];
const serveEnv = (): ServeEnv => {
  const s = newServeEnv();
  used.push(s);
  return s;
};
afterEach(async () => {
  for (const s of used.splice(0)) await runBin(['serve', '--stop'], { env: s.env });
});

const state = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'serve.json'), 'utf8')) as { pid: number; url: string; port: number };

describe('serve lifecycle', () => {
  test('--status / --ensure / --status / --stop / --status', async () => {
    const s = serveEnv();
    const before = await runBin(['serve', '--status', '--json'], { env: s.env });
    expect(before.code).toBe(3);
    expect(JSON.parse(before.stdout)).toEqual({ running: false });

    const ensure = await runBin(['serve', '--ensure'], { env: s.env });
    expect(ensure).toMatchObject({ code: 0, stdout: '' }); // a SessionStart hook's stdout would become context
    const { pid, url } = state(s.state);
    expect(alive(pid)).toBe(true);

    const status = await runBin(['serve', '--status', '--json'], { env: s.env });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, pid, url, stats: { requests: 0, active: 0 } });
    expect((await runBin(['serve', '--status'], { env: s.env })).stdout).toMatch(new RegExp(`^running: pid ${pid}, ${url}, since `));

    const again = await runBin(['serve', '--ensure'], { env: s.env });
    expect(again.code).toBe(0);
    expect(state(s.state).pid).toBe(pid); // idempotent

    const stop = await runBin(['serve', '--stop'], { env: s.env });
    expect(stop).toMatchObject({ code: 0, stderr: `hook-executor serve: stopped pid ${pid}\n` });
    expect(alive(pid)).toBe(false);
    expect(fs.existsSync(path.join(s.state, 'serve.json'))).toBe(false);
    expect(await runBin(['serve', '--stop'], { env: s.env })).toMatchObject({ code: 0, stderr: 'hook-executor serve: not running\n' });
    expect((await runBin(['serve', '--status'], { env: s.env })).code).toBe(3);
  });

  test('two concurrent --ensure start one server', async () => {
    const s = serveEnv();
    const [a, b] = await Promise.all([runBin(['serve', '--ensure'], { env: s.env }), runBin(['serve', '--ensure'], { env: s.env })]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const { pid } = state(s.state);
    // A losing server exits right after its failed claim, but it may still be starting when --ensure
    // returns: wait until only the owner has been seen for a while.
    for (let stable = 0, i = 0; stable < 8 && i < 200; i++) {
      stable = serversOf(s).length === 1 ? stable + 1 : 0;
      await sleep(100);
    }
    expect(serversOf(s)).toEqual([pid]);
    expect(fs.readFileSync(path.join(s.state, 'serve.log'), 'utf8')).toMatch(/already running \(pid \d+|listening on/);
    await runBin(['serve', '--stop'], { env: s.env });
    expect(serversOf(s)).toEqual([]);
  });

  test('a serve.json left by a dead server is replaced', async () => {
    const s = serveEnv();
    fs.mkdirSync(s.state, { recursive: true });
    fs.writeFileSync(path.join(s.state, 'serve.json'), JSON.stringify({ v: 1, pid: 999_999, port: 1, url: 'http://127.0.0.1:1', startedAt: '', version: '0' }));
    expect((await runBin(['serve', '--ensure'], { env: s.env })).code).toBe(0);
    const { pid } = state(s.state);
    expect(pid).not.toBe(999_999);
    expect(alive(pid)).toBe(true);
    await runBin(['serve', '--stop'], { env: s.env });
  });

  test('--ensure as a SessionStart hook registers the session’s project dir: later requests from a subdirectory use the project config', async () => {
    const s = serveEnv();
    const project = tempDir();
    fs.mkdirSync(path.join(project, '.claude'));
    fs.mkdirSync(path.join(project, 'sub'));
    fs.writeFileSync(
      path.join(project, '.claude', 'hook-executor.json'),
      JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo "$CLAUDE_PROJECT_DIR" > seen-project' }] }] } }),
    );
    const start = JSON.stringify({ session_id: 'sess-1', cwd: project, hook_event_name: 'SessionStart', source: 'startup' });
    expect((await runBin(['serve', '--ensure'], { env: { ...s.env, CLAUDE_PROJECT_DIR: project }, input: start })).code).toBe(0);
    const { pid, url } = state(s.state);
    const token = fs.readFileSync(path.join(s.state, 'token'), 'utf8').trim();
    try {
      const server = { url, pid, token } as Parameters<typeof hookPost>[0];
      const answer = await hookPost(server, 'Stop', { session_id: 'sess-1', cwd: path.join(project, 'sub'), hook_event_name: 'Stop' });
      expect(answer.status).toBe(200);
      // The hook ran with the registered project as CLAUDE_PROJECT_DIR, in the input's cwd.
      expect(fs.readFileSync(path.join(project, 'sub', 'seen-project'), 'utf8')).toBe(`${project}\n`);
      // Another session from the same subdirectory has no project there: no hooks.
      const other = await hookPost(server, 'Stop', { session_id: 'sess-2', cwd: path.join(project, 'sub'), hook_event_name: 'Stop' });
      expect(other).toMatchObject({ status: 200, body: '' });
    } finally {
      await runBin(['serve', '--stop'], { env: s.env });
    }
  });

  test('bad arguments: one line, exit 1', async () => {
    const s = serveEnv();
    expect(await runBin(['serve', '--port', 'x'], { env: s.env })).toMatchObject({
      code: 1,
      stderr: 'hook-executor serve: --port must be a port number from 0 to 65535, got "x"\n',
    });
    expect(await runBin(['serve', '--stop', '--ensure'], { env: s.env })).toMatchObject({
      code: 1,
      stderr: 'hook-executor serve: --stop and --ensure cannot be combined\n',
    });
    const help = await runBin(['serve', '--help'], { env: s.env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('hook-executor serve [--port N]');
  });
});
