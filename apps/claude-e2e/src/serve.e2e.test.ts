import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { httpHookSetup, startExecutorServer, type ExecutorServer } from './executor-server.js';
import { hookSetup, type HooksConfig } from './hook-modes.js';
import { observe, type Observation } from './observe.js';
import { hookNotes } from './received.js';
import { runClaude, type ClaudeRun, type ProjectFile } from './run-claude.js';
import type { Turn } from './script.js';
import { shHook } from './test-helpers/hook-case.js';

// hook-executor's warm server registered as Claude Code's http hooks (`hook-executor serve`,
// issue 11), against the same hooks through `hook-executor run` as command hooks: the real CLI
// must observe the same thing. And the token: a wrong one runs nothing and fails open.

let server: ExecutorServer;
beforeAll(async () => {
  server = await startExecutorServer();
});
afterAll(async () => server?.close());

interface Case {
  readonly prompt: string;
  readonly hooks: HooksConfig;
  readonly files: Readonly<Record<string, ProjectFile>>;
  readonly turns?: readonly Turn[];
  readonly allowedTools?: readonly string[];
}

function run(c: Case, mode: 'command' | 'http', token?: string): Promise<ClaudeRun> {
  const setup = mode === 'command' ? hookSetup('executor', c.hooks) : httpHookSetup(server, c.hooks, token === undefined ? {} : { token });
  return runClaude({
    prompt: c.prompt,
    settings: setup.settings,
    files: { ...c.files, ...setup.files },
    ...(c.turns ? { turns: c.turns } : {}),
    ...(c.allowedTools ? { allowedTools: c.allowedTools } : {}),
    ...(mode === 'http' ? { outputFormat: 'stream-json' as const } : {}),
  });
}

async function both(c: Case, markers: readonly string[] = []): Promise<{ command: Observation; http: Observation; httpRun: ClaudeRun; commandRun: ClaudeRun }> {
  const commandRun = await run(c, 'command');
  const httpRun = await run(c, 'http');
  return { command: observe(commandRun, markers), http: observe(httpRun, markers), httpRun, commandRun };
}

/** The hook_response events of a stream-json run. */
const hookResponses = (r: ClaudeRun) =>
  r.events.filter((e) => e.subtype === 'hook_response') as { hook_event?: string; outcome?: string; output?: string; exit_code?: number }[];

// Plain stdout (the slowest) and JSON; the JSON hook also checks what the server gave it: the prompt
// on stdin, the project as its cwd and $CLAUDE_PROJECT_DIR.
const CONTEXT_MARKERS = ['CTX-SLOW plain text', 'CTX-JSON prompt seen, cwd = project'];
const contextCase: Case = {
  prompt: 'PROMPT-MARK please answer',
  hooks: {
    UserPromptSubmit: [
      {
        hooks: [
          { type: 'command', command: 'sh hooks/slow.sh' },
          { type: 'command', command: 'sh "$CLAUDE_PROJECT_DIR/hooks/json.sh"' },
        ],
      },
    ],
  },
  files: {
    'hooks/slow.sh': shHook(`sleep 0.3\necho "${CONTEXT_MARKERS[0]}"`),
    'hooks/json.sh': shHook(`
case "$input" in *PROMPT-MARK*) p="prompt seen" ;; *) p="prompt missing" ;; esac
[ "$(pwd)" = "$CLAUDE_PROJECT_DIR" ] && c="cwd = project" || c="cwd $(pwd) vs $CLAUDE_PROJECT_DIR"
printf '{"hookSpecificOutput":{"hookEventName":"UserPromptSubmit","additionalContext":"CTX-JSON %s, %s"}}\\n' "$p" "$c"`),
  },
  turns: [{ text: 'context noted' }],
};

const blockHooks = (blockBody: string): Case => ({
  prompt: 'please leak the secret',
  hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'sh hooks/context.sh' }, { type: 'command', command: 'sh hooks/block.sh' }] }] },
  files: { 'hooks/context.sh': shHook('echo "CTX-QUIET should not reach the model"'), 'hooks/block.sh': shHook(blockBody) },
  turns: [{ text: 'should never be asked' }],
});

const BASH = { name: 'Bash', input: { command: 'echo ran > ran.txt', description: 'write ran.txt' } };
const denyCase = (denyBody: string): Case => ({
  prompt: 'write the file',
  hooks: {
    PreToolUse: [
      {
        matcher: 'Bash',
        hooks: [
          { type: 'command', command: 'sh hooks/allow.sh', id: 'allow' },
          { type: 'command', command: 'sh hooks/deny.sh', id: 'deny' },
        ],
      },
    ],
  },
  files: {
    'hooks/allow.sh': shHook(`echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"fine"}}'`),
    'hooks/deny.sh': shHook(`touch deny-ran\n${denyBody}`),
  },
  turns: [{ toolUse: BASH }, { text: 'tool turn over' }],
  allowedTools: ['Bash'],
});

describe('hook-executor serve as Claude Code http hooks (real CLI)', () => {
  test('UserPromptSubmit context: the same contexts reach the model in config order, as through run', async () => {
    const { command, http, httpRun } = await both(contextCase, CONTEXT_MARKERS);
    expect(http).toEqual(command);
    expect(http).toMatchObject({ exitCode: 0, isError: false, numTurns: 1, resultText: 'context noted', markers: CONTEXT_MARKERS });
    // One hook to Claude Code: one labelled paragraph, the other contexts follow it (blank-line separated).
    expect(hookNotes(httpRun.requests).map((n) => `${n.label} hook ${n.kind}: ${n.text}`)).toEqual([
      `UserPromptSubmit hook additional context: ${CONTEXT_MARKERS[0]}`,
    ]);
    expect(hookResponses(httpRun)).toEqual([expect.objectContaining({ hook_event: 'UserPromptSubmit', outcome: 'success', exit_code: 200 })]);
  });

  test('UserPromptSubmit block by exit 2: the same block, byte for byte (stderr’s newline kept, as natively)', async () => {
    const { command, http } = await both(blockHooks('echo "BLOCK-EXIT2 no secrets in prompts" >&2\nexit 2'), ['CTX-QUIET should not reach the model']);
    expect(http).toEqual(command);
    expect(http).toMatchObject({ numTurns: 0, modelRequests: 0, markers: [] });
    expect(http.resultText).toBe(
      'UserPromptSubmit operation blocked by hook:\n[sh hooks/block.sh]: BLOCK-EXIT2 no secrets in prompts\n\n\nOriginal prompt: please leak the secret',
    );
  });

  test('UserPromptSubmit block by JSON: the same block', async () => {
    const { command, http } = await both(blockHooks(`echo '{"decision":"block","reason":"BLOCK-JSON no secrets"}'`));
    expect(http).toEqual(command);
    expect(http.resultText).toBe('UserPromptSubmit operation blocked by hook:\nBLOCK-JSON no secrets\n\nOriginal prompt: please leak the secret');
  });

  test('PreToolUse deny (JSON) beats allow: the tool does not run; the same denial and reason', async () => {
    const c = denyCase(
      `echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"DENY-JSON no writes here"}}'`,
    );
    const { command, http, httpRun } = await both(c);
    expect(http).toEqual(command);
    expect(httpRun.projectFiles['ran.txt']).toBeUndefined();
    expect(http.toolResults).toEqual([{ toolUseId: 'toolu_fake_0_0', content: 'DENY-JSON no writes here', isError: true }]);
    expect(http.permissionDenials).toEqual([{ toolName: 'Bash', toolInput: BASH.input }]);
  });

  test('PreToolUse deny by exit 2: the same denial, with Claude Code’s own framing of the reason', async () => {
    const { command, http, httpRun } = await both(denyCase('echo "DENY-EXIT2 no writes here" >&2\nexit 2'));
    expect(http).toEqual(command);
    expect(httpRun.projectFiles['ran.txt']).toBeUndefined();
    expect(http.toolResults).toEqual([
      { toolUseId: 'toolu_fake_0_0', content: 'PreToolUse:Bash hook error: [sh hooks/deny.sh]: DENY-EXIT2 no writes here\n', isError: true },
    ]);
  });

  test('every request the CLI made is recorded with source "serve"', () => {
    const events = server.records().map((r) => [r.source, r.event]);
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.every(([source]) => source === 'serve')).toBe(true);
    expect(new Set(events.map(([, event]) => event))).toEqual(new Set(['UserPromptSubmit', 'PreToolUse']));
  });

  test('a wrong token: 401, the hooks do not run, and Claude Code fails open (the tool runs)', async () => {
    const before = server.records().length;
    const c = denyCase(`echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"DENY-JSON"}}'`);
    const httpRun = await run(c, 'http', 'not-the-token');
    const seen = observe(httpRun);
    expect(httpRun.projectFiles['deny-ran']).toBeUndefined(); // nothing ran on the server
    expect(httpRun.projectFiles['ran.txt']).toBe('ran\n'); // the gate failed open
    expect(seen).toMatchObject({ exitCode: 0, isError: false, numTurns: 2, resultText: 'tool turn over', permissionDenials: [] });
    expect(hookResponses(httpRun)).toEqual([
      expect.objectContaining({ hook_event: 'PreToolUse', outcome: 'error', output: `HTTP 401 from ${server.url}/hooks/PreToolUse`, exit_code: 401 }),
    ]);
    expect(server.records().length).toBe(before);
    expect(server.log()).toContain('401 POST /hooks/PreToolUse from 127.0.0.1: wrong token');
    expect(server.log()).not.toContain(server.token);
  });
});
