// Dependencies, the PreToolUse pipeline, failFast, dedup, concurrency, background hooks: real processes.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { executeEvent } from './execute-event.js';
import { configOf, printJson, simpleConfig, sleep, tempDir } from './test-helpers/fixtures.js';

const pre = (command = 'ls') => ({ session_id: 's', cwd: '/tmp', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });

/** A PreToolUse hook that appends `suffix` to tool_input.command (reading what it was given). */
const appendHook = (suffix: string, sleepS = 0) =>
  `${sleepS ? `sleep ${sleepS}; ` : ''}node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const i=JSON.parse(s);` +
  `console.log(JSON.stringify({hookSpecificOutput:{hookEventName:"PreToolUse",updatedInput:{...i.tool_input,command:i.tool_input.command+"${suffix}"}}}))})'`;

describe('dependencies', () => {
  test('a dependent starts only after its dependencies end; independent hooks start together', async () => {
    const dir = tempDir();
    const config = simpleConfig('Stop', [
      { id: 'format', command: `sleep 0.3; echo formatted > ${dir}/f` },
      { id: 'other', command: 'sleep 0.3' },
      { id: 'lint', after: ['format'], command: `cat ${dir}/f` },
    ]);
    const { record } = await executeEvent('Stop', { hook_event_name: 'Stop' }, config);
    const [format, other, lint] = record.hooks;
    expect(lint!.start_ms).toBeGreaterThanOrEqual(format!.end_ms);
    expect(other!.start_ms).toBeLessThan(format!.end_ms); // ran alongside, not after
    expect(lint).toMatchObject({ exit_code: 0, after: ['format'], stdout_bytes: 'formatted\n'.length });
  });

  test('a dependent still runs when its dependency failed (ordering, not gating)', async () => {
    const config = simpleConfig('Stop', [{ id: 'a', command: 'exit 1' }, { id: 'b', after: ['a'], command: 'echo ran' }]);
    const { record } = await executeEvent('Stop', { hook_event_name: 'Stop' }, config);
    expect(record.hooks[1]).toMatchObject({ id: 'b', exit_code: 0, stdout_bytes: 4 });
  });

  test('PreToolUse pipeline: a dependent receives the updatedInput of its dependency; the final input follows the graph', async () => {
    const config = simpleConfig('PreToolUse', [
      { id: 'format', command: appendHook(' --format', 0.2) },
      { id: 'lint', after: ['format'], command: appendHook(' --lint') },
    ]);
    const result = await executeEvent('PreToolUse', pre('ls'), config);
    expect(JSON.parse(result.stdout).hookSpecificOutput.updatedInput).toEqual({ command: 'ls --format --lint' });
  });

  test('independent rewrites: the last in config order wins, whatever finishes last', async () => {
    for (const [slowA, slowB] of [
      [0.4, 0],
      [0, 0.4],
    ] as const) {
      const config = simpleConfig('PreToolUse', [{ id: 'a', command: appendHook(' A', slowA) }, { id: 'b', command: appendHook(' B', slowB) }]);
      const result = await executeEvent('PreToolUse', pre('ls'), config);
      expect(JSON.parse(result.stdout).hookSpecificOutput.updatedInput).toEqual({ command: 'ls B' });
    }
  });

  test('a sink that passes the input through keeps its dependency’s rewrite', async () => {
    const config = simpleConfig('PreToolUse', [
      { id: 'rewrite', command: appendHook(' X') },
      {
        id: 'check',
        after: ['rewrite'],
        command: `cat > /dev/null; ${printJson({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow' } })}`,
      },
    ]);
    const out = JSON.parse((await executeEvent('PreToolUse', pre('ls'), config)).stdout);
    expect(out.hookSpecificOutput).toEqual({ hookEventName: 'PreToolUse', permissionDecision: 'allow', updatedInput: { command: 'ls X' } });
  });

  test('concurrency limits how many hooks run at once', async () => {
    const hooks = [1, 2, 3, 4].map((i) => ({ id: `h${i}`, command: `sleep 0.2; : ${i}` })); // distinct, or dedup runs one
    const { record } = await executeEvent('Stop', { hook_event_name: 'Stop' }, simpleConfig('Stop', hooks, { concurrency: 2 }));
    const events = record.hooks.flatMap((h) => [[h.start_ms, 1] as const, [h.end_ms, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let running = 0;
    let peak = 0;
    for (const [, d] of events) peak = Math.max(peak, (running += d));
    expect(peak).toBe(2);
  });
});

/**
 * Whether the process group the `slow` hook led (its pid in slow.pid) is gone within 2 s: an
 * uncancelled `sleep 5` would still be there. (Polled, because a killed member can stay a zombie
 * until init reaps it.)
 */
async function groupGone(dir: string): Promise<boolean> {
  const pid = Number(fs.readFileSync(path.join(dir, 'slow.pid'), 'utf8').trim());
  expect(pid).toBeGreaterThan(1);
  for (const deadline = Date.now() + 2000; Date.now() < deadline; await sleep(20)) {
    try {
      process.kill(-pid, 0);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  return false;
}

describe('failFast', () => {
  test('a deny cancels running siblings: their process groups die, their effects never happen', async () => {
    const dir = tempDir();
    const config = simpleConfig(
      'PreToolUse',
      [
        { id: 'slow', command: `echo $$ > ${dir}/slow.pid; sleep 20; touch ${dir}/slow-finished` },
        { id: 'gate', command: 'sleep 0.2; echo "no way" >&2; exit 2' },
        { id: 'later', after: ['gate'], command: `touch ${dir}/later-ran` },
      ],
      { failFast: true },
    );
    const start = performance.now();
    const result = await executeEvent('PreToolUse', pre(), config, { killGraceMs: 100 });
    expect(performance.now() - start).toBeLessThan(10_000); // not the slow hook's 20 s
    expect(JSON.parse(result.stdout).hookSpecificOutput).toMatchObject({
      permissionDecision: 'deny',
      permissionDecisionReason: expect.stringMatching(/\]: no way\n$/),
    });
    expect(result.record.hooks[0]).toMatchObject({ id: 'slow', skipped: 'cancelled: failFast after gate denied' });
    expect(result.record.hooks[2]!.skipped).toMatch(/^cancelled/);
    expect(await groupGone(dir)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'slow-finished'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'later-ran'))).toBe(false);
  });

  test('failFast on a flat set of hooks (no after): the same', async () => {
    const dir = tempDir();
    const config = simpleConfig(
      'UserPromptSubmit',
      [
        { id: 'slow', command: `echo $$ > ${dir}/slow.pid; sleep 20; touch ${dir}/slow-finished` },
        { id: 'block', command: 'sleep 0.2; echo nope >&2; exit 2' },
      ],
      { failFast: true },
    );
    const start = performance.now();
    const result = await executeEvent('UserPromptSubmit', { hook_event_name: 'UserPromptSubmit', prompt: 'x' }, config, { killGraceMs: 100 });
    expect(performance.now() - start).toBeLessThan(10_000); // not the slow hook's 20 s
    expect(JSON.parse(result.stdout).decision).toBe('block');
    expect(result.record.hooks[0]).toMatchObject({ id: 'slow', skipped: 'cancelled: failFast after block blocked' });
    expect(await groupGone(dir)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'slow-finished'))).toBe(false);
  });

  test('without failFast every hook runs to completion, as in Claude Code', async () => {
    const dir = tempDir();
    const config = simpleConfig('PreToolUse', [{ command: `sleep 0.3; touch ${dir}/done` }, { command: 'exit 2' }]);
    await executeEvent('PreToolUse', pre(), config);
    expect(fs.existsSync(path.join(dir, 'done'))).toBe(true);
  });
});

describe('matching and dedup', () => {
  test('only hooks whose matcher matches run (exact, list, unanchored regex, MCP)', async () => {
    const ctx = (text: string) => printJson({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: text } });
    const config = configOf({
      hooks: {
        PreToolUse: [
          { matcher: 'Edit', hooks: [{ type: 'command', command: ctx('exact Edit') }] },
          { matcher: 'Write,NotebookEdit', hooks: [{ type: 'command', command: ctx('list') }] },
          { matcher: 'Edit.*', hooks: [{ type: 'command', command: ctx('regex Edit.*') }] },
          { matcher: '^Edit$', hooks: [{ type: 'command', command: ctx('anchored') }] },
          { matcher: 'mcp__memory__.*', hooks: [{ type: 'command', command: ctx('mcp') }] },
          { hooks: [{ type: 'command', command: ctx('all') }] },
        ],
      },
    });
    const contexts = async (tool: string) => {
      const r = await executeEvent('PreToolUse', { hook_event_name: 'PreToolUse', tool_name: tool, tool_input: {} }, config);
      return JSON.parse(r.stdout).hookSpecificOutput.additionalContext.split('\n\n');
    };
    expect(await contexts('NotebookEdit')).toEqual(['list', 'regex Edit.*', 'all']);
    expect(await contexts('Edit')).toEqual(['exact Edit', 'regex Edit.*', 'anchored', 'all']);
    expect(await contexts('mcp__memory__read')).toEqual(['mcp', 'all']);
  });

  test('the same command (and args) runs once, even across matcher groups', async () => {
    const dir = tempDir();
    const count = `echo x >> ${dir}/count`;
    const config = configOf({
      hooks: {
        Stop: [
          {
            hooks: [
              { type: 'command', command: count },
              { type: 'command', command: 'true', args: ['a'] },
            ],
          },
          {
            hooks: [
              { type: 'command', command: count },
              { type: 'command', command: 'true', args: ['a'] },
              { type: 'command', command: 'true', args: ['b'] },
            ],
          },
        ],
      },
    });
    const { record } = await executeEvent('Stop', { hook_event_name: 'Stop' }, config);
    expect(fs.readFileSync(path.join(dir, 'count'), 'utf8')).toBe('x\n');
    expect(record.hooks.map((h) => h.skipped ?? 'ran')).toEqual(['ran', 'ran', 'duplicate of echo', 'duplicate of true', 'ran']);
  });

  test('if rules: a handler runs only for matching tool calls', async () => {
    const config = simpleConfig('PreToolUse', [{ command: 'echo git-hook', if: 'Bash(git *)' }]);
    expect((await executeEvent('PreToolUse', pre('git push'), config)).record.hooks[0]!.exit_code).toBe(0);
    expect((await executeEvent('PreToolUse', pre('ls'), config)).record.hooks[0]!.skipped).toBe('if Bash(git *) did not match');
  });
});

describe('background hooks and http hooks', () => {
  test('background hooks are started detached and not waited for', async () => {
    const dir = tempDir();
    const config = simpleConfig('Stop', [{ id: 'bg', background: true, command: `sleep 3; cat > ${dir}/input` }, 'echo fg']);
    const start = performance.now();
    const result = await executeEvent('Stop', { hook_event_name: 'Stop', x: 1 }, config);
    expect(performance.now() - start).toBeLessThan(2500); // not waited for: it sleeps 3 s first
    expect(fs.existsSync(path.join(dir, 'input'))).toBe(false);
    expect(result.record.hooks[0]).toMatchObject({ id: 'bg', background: true, exit_code: null });
    for (let i = 0; i < 100 && !fs.existsSync(path.join(dir, 'input')); i++) await sleep(100);
    await sleep(100);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'input'), 'utf8'))).toEqual({ hook_event_name: 'Stop', x: 1 }); // full input on stdin
  });

  test('http hooks: the input is POSTed and the body read like stdout; dedup by URL', async () => {
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req
        .on('data', (c) => (body += c))
        .on('end', () => {
          bodies.push(body);
          if (req.url === '/text') return void res.end('plain words');
          if (req.url === '/fail')
            return void res.writeHead(500).end(JSON.stringify({ hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'ignored' } }));
          res.end(JSON.stringify({ hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: `via http ${req.headers['x-token']}` } }));
        });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    try {
      const handler = { type: 'http', url, headers: { 'x-token': '$TOKEN' }, allowedEnvVars: ['TOKEN'] };
      const config = configOf({ hooks: { UserPromptSubmit: [{ hooks: [handler, { ...handler }] }] } });
      const input = { hook_event_name: 'UserPromptSubmit', prompt: 'p' };
      const result = await executeEvent('UserPromptSubmit', input, config, { env: { ...process.env, TOKEN: 't0k' } });
      expect(JSON.parse(result.stdout).hookSpecificOutput.additionalContext).toBe('via http t0k');
      expect(bodies).toEqual([JSON.stringify(input)]);
      // As Claude Code: a non-JSON 2xx body is an error, never context; a 500 is ignored even with a valid body.
      const base = url.replace(/\/hook$/, '');
      const failing = configOf({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'http', url: `${base}/text` }, { type: 'http', url: `${base}/fail` }] }] } });
      const out = JSON.parse((await executeEvent('UserPromptSubmit', input, failing)).stdout);
      expect(out.hookSpecificOutput).toBeUndefined();
      expect(out.systemMessage).toMatch(/HTTP 200 body is not JSON[\s\S]*non-blocking status code 1: HTTP 500/);
    } finally {
      server.close();
    }
  });
});
