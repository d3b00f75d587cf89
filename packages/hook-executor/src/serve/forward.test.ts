// bin/hook-executor-run against a real `serve`: what it prints and its exit code equal `run`'s for
// the same arguments, environment and stdin — forwarded while a server runs, and by `run` itself
// when none answers (a gate never fails open).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { PACKAGE_DIR, runBin } from '../test-helpers/fixtures.js';
import http from 'node:http';
import { serveEnv, startServe, type RunningServe } from '../test-helpers/serve.js';
import { forwardBody, parseForwardBody } from './forward-body.js';

const LAUNCHER = path.join(PACKAGE_DIR, 'bin', 'hook-executor-run');

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function launch(args: readonly string[], input: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `${LAUNCHER} "$@"`, 'sh', ...args], { cwd, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

function serverStats(server: RunningServe): Promise<{ requests: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}/health`, { headers: { authorization: `Bearer ${server.token}` } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve((JSON.parse(text) as { stats: { requests: number } }).stats));
      })
      .on('error', reject);
  });
}

function project(dir: string, config: unknown): string {
  const projectDir = path.join(dir, 'project');
  fs.mkdirSync(path.join(projectDir, '.claude'), { recursive: true });
  fs.writeFileSync(path.join(projectDir, '.claude', 'hook-executor.json'), JSON.stringify(config));
  return projectDir;
}

const s = serveEnv();
let server: RunningServe | undefined;
afterAll(async () => {
  await server?.stop();
});

const CONFIG = {
  hooks: {
    UserPromptSubmit: [
      {
        hooks: [
          { id: 'ctx', type: 'command', command: 'echo "ctx $CLAUDE_PROJECT_DIR $SESSION_VAR"' },
          { id: 'py', type: 'command', command: `/usr/bin/python3 -c 'import json,sys; print("py", json.load(sys.stdin)["prompt"])'` },
        ],
      },
    ],
    PreToolUse: [{ matcher: 'Bash', hooks: [{ id: 'deny', type: 'command', command: 'echo "no rm, ever" >&2; exit 2' }] }],
  },
};

describe('run forwarded to the warm server', () => {
  test('the body round-trips: cwd, argv (empty items too), environment, stdin bytes', () => {
    const run = { cwd: '/x y', argv: ['--event', '', 'é'], env: { A: '1', B: 'two=2', EMPTY: '' }, stdin: Buffer.from('{"a":"\u00e9"}\n') };
    expect(parseForwardBody(forwardBody(run))).toEqual(run);
    expect(parseForwardBody(Buffer.from('relative\u00000\u00000\u0000'))).toBeUndefined();
  });

  test('same stdout, stderr and exit code as run itself, forwarded while the server runs and run alone when it is down', async () => {
    server = await startServe(s);
    const projectDir = project(s.dir, CONFIG);
    const env = { ...s.env, CLAUDE_PROJECT_DIR: projectDir, SESSION_VAR: 'from-the-session' };
    const ups = JSON.stringify({ session_id: 'f', cwd: projectDir, hook_event_name: 'UserPromptSubmit', prompt: 'hello' });
    const bash = JSON.stringify({ session_id: 'f', cwd: projectDir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'rm -rf /' } });
    const cases: [string[], string][] = [
      [['--event', 'UserPromptSubmit'], ups],
      [['--event', 'PreToolUse'], bash],
      [['--event', 'Stop'], JSON.stringify({ session_id: 'f', cwd: projectDir, hook_event_name: 'Stop' })], // no hooks: the fast path
      [['--event'], ups], // a usage mistake: the same one line, exit 1
    ];
    const requestsBefore = (await serverStats(server)).requests;
    for (const [args, input] of cases) {
      const alone = await launch(args, input, projectDir, { ...env, HOOK_EXECUTOR_NO_FORWARD: '1' });
      const forwarded = await launch(args, input, projectDir, env);
      expect(forwarded).toEqual(alone);
    }
    const ups1 = await launch(['--event', 'UserPromptSubmit'], ups, projectDir, env);
    expect(ups1.stdout).toBe(`ctx ${projectDir} from-the-session\n\npy hello\n`); // the session's variables reach the hook
    const deny = JSON.parse((await launch(['--event', 'PreToolUse'], bash, projectDir, env)).stdout);
    expect(deny.hookSpecificOutput.permissionDecision).toBe('deny');
    // Those runs went through the server: it counted one request per forwarded launch.
    expect((await serverStats(server)).requests).toBe(requestsBefore + cases.length + 2);

    // `hook-executor run` itself forwards too (registrations that call it directly), and says the same.
    const viaNode = await runBin(['run', '--event', 'UserPromptSubmit'], { input: ups, cwd: projectDir, env });
    expect(viaNode).toMatchObject({ code: ups1.code, stdout: ups1.stdout, stderr: ups1.stderr });
    const alone = await runBin(['run', '--no-forward', '--event', 'UserPromptSubmit'], { input: ups, cwd: projectDir, env });
    expect(alone).toMatchObject({ code: ups1.code, stdout: ups1.stdout, stderr: ups1.stderr });
    expect((await serverStats(server)).requests).toBe(requestsBefore + cases.length + 3);

    // A broken config that fails closed blocks the same way through the server.
    fs.writeFileSync(
      path.join(projectDir, '.claude', 'hook-executor.json'),
      JSON.stringify({ failClosed: true, hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo x', timeout: '30s' }] }] } }),
    );
    const brokenAlone = await launch(['--event', 'UserPromptSubmit'], ups, projectDir, { ...env, HOOK_EXECUTOR_NO_FORWARD: '1' });
    const brokenForwarded = await launch(['--event', 'UserPromptSubmit'], ups, projectDir, env);
    expect(brokenAlone.code).toBe(2);
    expect(brokenForwarded).toEqual(brokenAlone);
    fs.writeFileSync(path.join(projectDir, '.claude', 'hook-executor.json'), JSON.stringify(CONFIG));

    // The server goes away: the gate still denies (run runs the hook itself).
    await server.stop();
    const down = await launch(['--event', 'PreToolUse'], bash, projectDir, env);
    expect(down.code).toBe(0);
    expect(JSON.parse(down.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  test('a server that answers anything but a forwarded run (another version, a stale port) is not trusted', async () => {
    const other = serveEnv();
    fs.mkdirSync(other.state, { recursive: true });
    // serve.json naming a port where nothing listens, and a token file: the launcher falls back.
    fs.writeFileSync(path.join(other.state, 'serve.json'), JSON.stringify({ v: 1, pid: 1, port: 1, url: 'http://127.0.0.1:1' }));
    fs.writeFileSync(path.join(other.state, 'token'), 'x'.repeat(64));
    const projectDir = project(other.dir, CONFIG);
    const bash = JSON.stringify({ session_id: 'g', cwd: projectDir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'rm -rf /' } });
    const ran = await launch(['--event', 'PreToolUse'], bash, projectDir, { ...other.env, CLAUDE_PROJECT_DIR: projectDir });
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });
});
