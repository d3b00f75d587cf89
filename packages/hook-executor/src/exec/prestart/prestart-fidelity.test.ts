// The same hook, cold and pre-started: what it prints about itself (argv, environment, cwd, __main__,
// sys.path / module paths, stdin) and how it ends (stdout and stderr bytes, exit code) must be equal.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { groupAlive } from '../process-groups.js';
import { runCommand } from '../run-command.js';
import type { HandlerConfig } from '../../config/types.js';
import type { HandlerRun } from '../../types.js';
import { alive, configOf, sleep, tempDir } from '../../test-helpers/fixtures.js';
import { PrestartedInterpreters } from './interpreter-pool.js';

const PYTHON = '/usr/bin/python3';

/** A command handler as the config loader makes it. */
const hook = (fields: Record<string, unknown>): HandlerConfig =>
  configOf({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', ...fields }] }] } }).events.get('UserPromptSubmit')![0]!;
const INPUT = '{"session_id":"s","prompt":"héllo"}\n';

const PY_SELF = [
  'import json, os, sys',
  'm = sys.modules["__main__"]',
  'print(json.dumps({"argv": sys.argv, "orig_argv": sys.orig_argv, "executable": sys.executable, "cwd": os.getcwd(), "env": dict(os.environ),',
  '  "name": __name__, "main": sorted(k for k in vars(m) if k != "json" and k != "os" and k != "sys" and k != "m"), "file": vars(m).get("__file__"),',
  '  "path0": sys.path[0], "stdin": sys.stdin.read()}, sort_keys=True))',
  'sys.stderr.write("to stderr\\n")',
  'sys.exit(int(os.environ.get("EXIT_WITH", "0")))',
].join('\n');

const NODE_SELF = [
  'const m = typeof module === "undefined" ? undefined : module;',
  'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {',
  '  console.log(JSON.stringify({ argv: process.argv, execArgv: process.execArgv, cwd: process.cwd(), env: process.env, main: typeof require === ' +
    '"function" && require.main === m,',
  '    filename: typeof __filename === "undefined" ? null : __filename, paths: m ? m.paths : null, eval: process._eval ?? null, stdin: s }));',
  '  process.stderr.write("to stderr\\n"); process.exitCode = Number(process.env.EXIT_WITH ?? 0);',
  '});',
].join('\n');

function setup() {
  const dir = fs.realpathSync(tempDir('prestart-'));
  const cwd = path.join(dir, 'project');
  fs.mkdirSync(path.join(cwd, 'hooks'), { recursive: true });
  fs.writeFileSync(path.join(cwd, 'hooks', 'self.py'), PY_SELF);
  fs.writeFileSync(path.join(cwd, 'hooks', 'self.js'), NODE_SELF);
  const env: NodeJS.ProcessEnv = {
    PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: dir,
    LANG: 'C.UTF-8',
    CLAUDE_PROJECT_DIR: cwd,
    CLAUDE_CODE_SESSION_ID: 'one',
  };
  return { dir, cwd, env };
}

/** Runs the hook cold, then once to create the pool, waits for an idle interpreter, and runs it pre-started. */
async function bothWays(handler: HandlerConfig, cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 10_000) {
  const cold = await runCommand(handler, { cwd, env, stdin: INPUT, timeoutMs });
  const pool = new PrestartedInterpreters({ idleMs: 60_000, bootDir: tempDir('prestart-boot-') });
  try {
    await runCommand(handler, { cwd, env, stdin: INPUT, timeoutMs, warm: pool }); // a miss: the pool learns the shape
    for (let i = 0; i < 400 && pool.stats().idle.python + pool.stats().idle.node === 0; i++) await sleep(25);
    await sleep(300); // the interpreter has finished starting
    // Another session's variables: a pre-started interpreter serves it with the event's environment.
    const eventEnv = { ...env, CLAUDE_CODE_SESSION_ID: 'two' };
    const coldTwo = await runCommand(handler, { cwd, env: eventEnv, stdin: INPUT, timeoutMs });
    const warm = await runCommand(handler, { cwd, env: eventEnv, stdin: INPUT, timeoutMs, warm: pool });
    return { cold, coldTwo, warm, taken: pool.taken };
  } finally {
    pool.close();
  }
}

function comparable(run: HandlerRun) {
  return { exitCode: run.exitCode, signal: run.signal, stdout: run.stdout, stderr: run.stderr, timedOut: run.timedOut };
}

describe('pre-started interpreters run a hook as a cold start would', () => {
  const cases: [string, string][] = [
    ['python3 -c, via sh', `python3 -c '${PY_SELF.replace(/'/g, `'\\''`)}' first "$CLAUDE_PROJECT_DIR"`],
    ['python3 script, via sh', 'python3 hooks/self.py one "two words"'],
    ['node -e, via sh', `node -e '${NODE_SELF.replace(/'/g, `'\\''`)}' first`],
    ['node script, via sh', 'node "$CLAUDE_PROJECT_DIR"/hooks/self.js one'],
  ];
  test.each(cases)('%s: argv, env, cwd, __main__, paths, stdin, stdout, stderr and exit code are equal', async (_name: string, command: string) => {
    const { cwd, env } = setup();
    const { coldTwo, warm, taken } = await bothWays(hook({ command, id: 'self' }), cwd, env);
    expect(taken).toBe(1);
    expect(coldTwo.exitCode).toBe(0);
    expect(JSON.parse(coldTwo.stdout).stdin).toBe(INPUT);
    expect(JSON.parse(warm.stdout).env.CLAUDE_CODE_SESSION_ID).toBe('two');
    expect(comparable(warm)).toEqual(comparable(coldTwo));
  });

  test('exec form (args) and a non-zero exit code', async () => {
    const { cwd, env } = setup();
    const handler = hook({ command: PYTHON, args: ['hooks/self.py', '--flag-for-the-script'], id: 'self' });
    const { coldTwo, warm, taken } = await bothWays(handler, cwd, { ...env, EXIT_WITH: '2' });
    expect(taken).toBe(1);
    expect(coldTwo.exitCode).toBe(2);
    expect(comparable(warm)).toEqual(comparable(coldTwo));
  });

  test('in the C locale: python sets LC_CTYPE at start-up (PEP 538), and so does the pre-started one', async () => {
    const { cwd, env } = setup();
    delete env.LANG;
    const { coldTwo, warm, taken } = await bothWays(hook({ command: 'python3 hooks/self.py', id: 'self' }), cwd, env);
    expect(taken).toBe(1);
    expect(JSON.parse(coldTwo.stdout).env.LC_CTYPE).toBe('C.UTF-8');
    expect(comparable(warm)).toEqual(comparable(coldTwo));
  });

  test('an uncaught exception: the same traceback bytes and exit code 1 (python)', async () => {
    const { cwd, env } = setup();
    fs.writeFileSync(path.join(cwd, 'hooks', 'boom.py'), 'def f():\n    raise ValueError("boom")\nf()\n');
    const { coldTwo, warm, taken } = await bothWays(hook({ command: 'python3 hooks/boom.py', id: 'boom' }), cwd, env);
    expect(taken).toBe(1);
    expect(coldTwo.exitCode).toBe(1);
    expect(coldTwo.stderr).toContain('ValueError: boom');
    expect(comparable(warm)).toEqual(comparable(coldTwo));
  });

  test('the script is read at the event: an edit between two events is seen', async () => {
    const { cwd, env } = setup();
    const file = path.join(cwd, 'hooks', 'edit.py');
    fs.writeFileSync(file, 'print("before")\n');
    const pool = new PrestartedInterpreters();
    const handler = hook({ command: 'python3 hooks/edit.py', id: 'edit' });
    try {
      await runCommand(handler, { cwd, env, stdin: INPUT, timeoutMs: 10_000, warm: pool });
      for (let i = 0; i < 400 && pool.stats().idle.python === 0; i++) await sleep(25);
      fs.writeFileSync(file, 'print("after")\n');
      const run = await runCommand(handler, { cwd, env, stdin: INPUT, timeoutMs: 10_000, warm: pool });
      expect(pool.taken).toBe(1);
      expect(run.stdout).toBe('after\n');
    } finally {
      pool.close();
    }
  });

  test('a timeout kills the pre-started hook and everything it started', async () => {
    const { cwd, env, dir } = setup();
    const pidFile = path.join(dir, 'child.pid');
    const code = `import subprocess, time; p = subprocess.Popen(["sleep", "30"]); open(${JSON.stringify(pidFile)}, "w").write(str(p.pid)); time.sleep(30)`;
    const handler = hook({ command: PYTHON, args: ['-c', code], id: 'slow' });
    const pool = new PrestartedInterpreters();
    try {
      await runCommand(hook({ command: PYTHON, args: ['-c', 'pass'] }), { cwd, env, stdin: '', timeoutMs: 10_000, warm: pool });
      for (let i = 0; i < 400 && pool.stats().idle.python === 0; i++) await sleep(25);
      const run = await runCommand(handler, { cwd, env, stdin: '', timeoutMs: 1500, killGraceMs: 200, warm: pool });
      expect(pool.taken).toBe(1);
      expect(run.timedOut).toBe(true);
      const grandchild = Number(fs.readFileSync(pidFile, 'utf8'));
      expect(alive(grandchild)).toBe(false);
    } finally {
      pool.close();
    }
  });

  test('idle interpreters exit when the server goes away (their fd 3 reads EOF), and close() kills them', async () => {
    const { cwd, env } = setup();
    const pool = new PrestartedInterpreters();
    await runCommand(hook({ command: 'node -e 0', id: 'n' }), { cwd, env, stdin: '', timeoutMs: 10_000, warm: pool });
    for (let i = 0; i < 400 && pool.stats().idle.node === 0; i++) await sleep(25);
    const idle = (pool as unknown as { pools: Map<string, { idle: { child: { pid: number; stdio: NodeJS.WritableStream[] } }[] }> }).pools;
    const [first] = [...idle.values()][0]!.idle;
    const pid = first!.child.pid;
    first!.child.stdio[3]!.end(); // what the kernel does when the server dies
    for (let i = 0; i < 400 && groupAlive(pid); i++) await sleep(25);
    expect(groupAlive(pid)).toBe(false);
    pool.close();
    expect(pool.stats().idle.node).toBe(0);
  });
});
