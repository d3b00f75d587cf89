import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, test } from '@jest/globals';
import { observe } from './observe.js';
import { runClaude } from './run-claude.js';
import { shHook } from './test-helpers/hook-case.js';

// Pins what Claude Code 2.1.197 does when an `http` hook fails (connection refused, or a
// non-2xx answer), for hook-executor's `serve` mode: it fails OPEN. The prompt proceeds,
// a gate on PreToolUse lets the tool run, and only the hook event stream reports the
// error; the model and the json result see nothing. A CLI upgrade that changes this
// fails here.

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type HookResponse = { subtype?: string; hook_event?: string; hook_name?: string; outcome?: string; output?: string; exit_code?: number };

describe('http hooks that fail', () => {
  test('connection refused: UserPromptSubmit and PreToolUse fail open; only the hook events report the error', async () => {
    const port = await closedPort();
    const url = (event: string): string => `http://127.0.0.1:${port}/hooks/${event}`;
    const run = await runClaude({
      prompt: 'write the file',
      settings: {
        hooks: {
          UserPromptSubmit: [{ hooks: [{ type: 'http', url: url('UserPromptSubmit') }, { type: 'command', command: 'sh hooks/context.sh' }] }],
          PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'http', url: url('PreToolUse') }] }],
        },
      },
      files: { 'hooks/context.sh': shHook('echo "CTX-NEIGHBOUR still arrives"') },
      turns: [{ toolUse: { name: 'Bash', input: { command: 'echo ran > ran.txt', description: 'write ran.txt' } } }, { text: 'done' }],
      allowedTools: ['Bash'],
      outputFormat: 'stream-json',
    });
    const seen = observe(run, ['CTX-NEIGHBOUR still arrives']);

    // The prompt went through and the tool ran: an unreachable gate does not block.
    expect(seen).toMatchObject({ exitCode: 0, subtype: 'success', isError: false, numTurns: 2, resultText: 'done', modelRequests: 2, permissionDenials: [] });
    expect(seen.markers).toEqual(['CTX-NEIGHBOUR still arrives']);
    expect(run.projectFiles['ran.txt']).toBe('ran\n');
    expect(seen.toolResults).toEqual([{ toolUseId: 'toolu_fake_0_0', content: '(Bash completed with no output)', isError: false }]);

    // Nothing about the failure reaches the model, the result or stderr.
    const modelText = run.requests.map((r) => r.raw).join('\n');
    expect(modelText).not.toMatch(/ECONNREFUSED|hook error/);
    expect(run.stderr).toBe('');

    // The hook events carry it: outcome "error", the connection error as output, no exit code.
    const responses = run.events.filter((e) => e.subtype === 'hook_response') as HookResponse[];
    const failed = responses.filter((e) => e.outcome === 'error');
    expect(failed.map((e) => [e.hook_event, e.hook_name])).toEqual([
      ['UserPromptSubmit', 'UserPromptSubmit'],
      ['PreToolUse', 'PreToolUse:Bash'],
    ]);
    for (const event of failed) {
      expect(event.output).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
      expect(event.exit_code).toBeUndefined();
    }
    expect(responses.filter((e) => e.outcome === 'success').map((e) => e.hook_event)).toEqual(['UserPromptSubmit']);
  });

  test('an HTTP 500 answer is ignored even when its body denies: the tool runs', async () => {
    const server = createHttpServer((req, res) => {
      req.resume().on('end', () => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'DENY-FROM-500' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const run = await runClaude({
        prompt: 'write the file',
        settings: { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'http', url: `http://127.0.0.1:${port}/hooks/PreToolUse` }] }] } },
        turns: [{ toolUse: { name: 'Bash', input: { command: 'echo ran > ran.txt', description: 'write ran.txt' } } }, { text: 'done' }],
        allowedTools: ['Bash'],
        outputFormat: 'stream-json',
      });
      const seen = observe(run);
      expect(seen).toMatchObject({ exitCode: 0, isError: false, numTurns: 2, resultText: 'done', permissionDenials: [] });
      expect(run.projectFiles['ran.txt']).toBe('ran\n');
      expect(run.requests.map((r) => r.raw).join('\n')).not.toContain('DENY-FROM-500');
      const failed = run.events.filter((e) => e.subtype === 'hook_response' && e.outcome === 'error') as HookResponse[];
      expect(failed.map((e) => [e.hook_event, e.output, e.exit_code])).toEqual([
        ['PreToolUse', `HTTP 500 from http://127.0.0.1:${port}/hooks/PreToolUse`, 500],
      ]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
