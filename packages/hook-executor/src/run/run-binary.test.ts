// The real binary, as Claude Code runs it: stdin JSON in, stdout/stderr/exit code out.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { alive, printJson, runBin, sleep, tempDir } from '../test-helpers/fixtures.js';
import { spawn } from 'node:child_process';
import { BIN } from '../test-helpers/fixtures.js';

function project(config: unknown): { dir: string; env: NodeJS.ProcessEnv; monitor: string } {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, '.claude'));
  fs.writeFileSync(path.join(dir, '.claude', 'hook-executor.json'), typeof config === 'string' ? config : JSON.stringify(config));
  const monitor = path.join(dir, 'monitor');
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  return { dir, monitor, env: { ...process.env, HOME: home, CLAUDE_PROJECT_DIR: dir, HOOK_MONITOR_DIR: monitor } };
}

function records(monitor: string): { run_id: string; event: string; hooks: { id: string }[] }[] {
  const file = path.join(monitor, 'runs.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

/** Runs the binary with a module-resolution logger and returns every URL it loaded. */
async function loadedModules(args: string[], input: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const dir = tempDir();
  const log = path.join(dir, 'modules.log');
  fs.writeFileSync(
    path.join(dir, 'hooks.mjs'),
    `import fs from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); fs.appendFileSync(${JSON.stringify(log)}, ` +
      `r.url + '\\n'); return r; }\n`,
  );
  fs.writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  const result = await runBin(args, { input, env, nodeArgs: ['--import', path.join(dir, 'register.mjs')] });
  expect(result.code).not.toBeNull();
  return fs.readFileSync(log, 'utf8').trim().split('\n');
}

const ups = (dir: string) => JSON.stringify({ session_id: 'sess', cwd: dir, hook_event_name: 'UserPromptSubmit', prompt: 'hi' });

describe('hook-executor run (the binary)', () => {
  test('runs the hooks, prints the merged result and records the run', async () => {
    const p = project({
      hooks: {
        UserPromptSubmit: [
          {
            hooks: [
              { id: 'slow', type: 'command', command: 'sleep 0.2; echo A' },
              { id: 'fast', type: 'command', command: 'echo B' },
            ],
          },
        ],
      },
    });
    const result = await runBin(['run', '--event', 'UserPromptSubmit'], { input: ups(p.dir), env: p.env });
    expect(result).toMatchObject({ code: 0, stdout: 'A\n\nB\n', stderr: '' });
    const [record] = records(p.monitor);
    expect(record).toMatchObject({ event: 'UserPromptSubmit', session_id: 'sess', source: 'run', hooks: [{ id: 'slow' }, { id: 'fast' }] });
  });

  test('no matching hook: exits 0 with no output and records an empty run', async () => {
    const p = project({ hooks: { PreToolUse: [{ matcher: 'Edit', hooks: [{ type: 'command', command: 'echo never' }] }] } });
    const input = JSON.stringify({ cwd: p.dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: {} });
    expect(await runBin(['run', '--event', 'PreToolUse'], { input, env: p.env })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(records(p.monitor)).toEqual([expect.objectContaining({ event: 'PreToolUse', target: 'Bash', hooks: [] })]);
  });

  test('the run and guard paths never load yargs, ora, openai or undici; an event without hooks loads the least', async () => {
    const heavy = /\/(yargs|ora|openai|undici)\//;
    const p = project({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo ctx' }] }], Stop: [{ matcher: 'x', hooks: [] }] } });
    const ran = await loadedModules(['run', '--event', 'UserPromptSubmit'], ups(p.dir), p.env);
    expect(ran.filter((u) => heavy.test(u))).toEqual([]);
    const empty = await loadedModules(['run', '--event', 'Stop'], '{}', p.env);
    expect(empty.filter((u) => heavy.test(u))).toEqual([]);
    expect(empty.length).toBeLessThan(ran.length); // the no-hook fast path stops before validation and the runner
    const guard = await loadedModules(['guard', 'parallel-reminder'], '{}', { ...p.env, HOOK_EXECUTOR_STATE_DIR: p.dir });
    expect(guard.filter((u) => heavy.test(u))).toEqual([]);
    const cli = await loadedModules(['check'], '', p.env); // the control: yargs is really detected
    expect(cli.some((u) => /\/yargs\//.test(u))).toBe(true);
  });

  test('a broken config: one line naming file and problem, exit 1 so the prompt proceeds', async () => {
    const p = project({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo x', timeout: '30s' }] }] } });
    const result = await runBin(['run', '--event', 'UserPromptSubmit'], { input: ups(p.dir), env: p.env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'hook-executor: .claude/hook-executor.json: hooks.UserPromptSubmit[0].hooks[0].timeout must be a number of seconds, got "30s"\n',
    );
  });

  test('failClosed: a broken config blocks (exit 2 with the reason)', async () => {
    const p = project({ failClosed: true, hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'x', after: ['nope'] }] }] } });
    const result = await runBin(['run', '--event', 'UserPromptSubmit'], { input: ups(p.dir), env: p.env });
    expect(result.code).toBe(2);
    const unknownAfter = String.raw`hooks\.UserPromptSubmit\[0\]\.hooks\[0\]\.after\[0\] names unknown id "nope"`;
    expect(result.stderr).toMatch(new RegExp(String.raw`^hook-executor: \.claude/hook-executor\.json: ${unknownAfter}.*\(failClosed: blocking\)\n$`));
    const broken = project('{"failClosed": true, "hooks": {');
    expect((await runBin(['run', '--event', 'UserPromptSubmit'], { input: ups(broken.dir), env: broken.env })).code).toBe(2);
  });

  test('cycles are rejected with their ids', async () => {
    const h = (id: string, after: string) => ({ id, after: [after], type: 'command', command: id });
    const p = project({ hooks: { Stop: [{ hooks: [h('a', 'b'), h('b', 'a')] }] } });
    const result = await runBin(['run', '--event', 'Stop'], { input: '{}', env: p.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/hooks\.Stop has a dependency cycle: a → b → a/);
  });

  test('stdin that is not JSON and unknown arguments: exit 1 with one line', async () => {
    const p = project({});
    expect(await runBin(['run', '--event', 'Stop'], { input: 'not json', env: p.env })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^hook-executor: stdin is not the hook input JSON/),
    });
    expect(await runBin(['run', '--evnt', 'Stop'], { input: '{}', env: p.env })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/unknown argument "--evnt"/),
    });
  });

  test('10 executors at once on the same config all answer correctly and all runs are recorded', async () => {
    const ctx = (text: string) => printJson({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: text } });
    const p = project({
      hooks: {
        PreToolUse: [
          {
            matcher: 'Bash',
            hooks: [
              { id: 'a', type: 'command', command: `sleep 0.1; ${ctx('a')}` },
              { id: 'b', after: ['a'], type: 'command', command: ctx('b') },
            ],
          },
        ],
      },
    });
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        runBin(['run', '--event', 'PreToolUse'], {
          input: JSON.stringify({ session_id: `s${i}`, cwd: p.dir, tool_name: 'Bash', tool_input: { command: `echo ${i}` } }),
          env: p.env,
        }),
      ),
    );
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).hookSpecificOutput.additionalContext).toBe('a\n\nb');
    }
    const recs = records(p.monitor);
    expect(recs).toHaveLength(10);
    expect(new Set(recs.map((r) => r.run_id)).size).toBe(10);
  });

  test('when Claude Code stops the executor (SIGTERM), the hooks’ process groups die with it', async () => {
    const p = project({});
    const pids = path.join(p.dir, 'pids');
    fs.writeFileSync(
      path.join(p.dir, '.claude', 'hook-executor.json'),
      JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: `sleep 100 & echo $! >> ${pids}; sleep 100` }] }] } }),
    );
    const child = spawn(process.execPath, [BIN, 'run', '--event', 'Stop'], { env: p.env, stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin.end('{}');
    for (let i = 0; i < 200 && !fs.existsSync(pids); i++) await sleep(50);
    const grandchild = Number(fs.readFileSync(pids, 'utf8').trim());
    expect(alive(grandchild)).toBe(true);
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    await sleep(100);
    expect(alive(grandchild)).toBe(false);
  });
});
