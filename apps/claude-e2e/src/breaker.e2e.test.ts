// hook-executor's circuit breaker in the real CLI: one long session, a UserPromptSubmit hook that
// hangs past its 1 s timeout on every prompt beside one that adds context. After two prompts the
// breaker opens; from then on the hook is not run and the prompt no longer waits for it; the user
// sees the breaker's line once (Claude Code keeps a hook's systemMessage in the transcript as a
// `hook_system_message` attachment: what its UI shows). Once through `hook-executor run`, once
// through the forward launcher: served by the warm server first, then — server gone — by `run`,
// which finds the state the server left (one breaker for both).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { startClaudeSession, type ClaudeSession, type PromptTiming } from './claude-session.js';
import { startExecutorServer } from './executor-server.js';
import { EXECUTOR_CONFIG_PATH, executorCommand, launcherHandler } from './hook-modes.js';
import { requestText } from './received.js';

const CONFIG = {
  breaker: { after: 2, coolOff: 600 },
  hooks: {
    UserPromptSubmit: [
      {
        hooks: [
          { id: 'hang', type: 'command', command: 'sleep 30', timeout: 1 },
          { id: 'ctx', type: 'command', command: 'echo CTX-BREAKER-MARK' },
        ],
      },
    ],
  },
};
const BREAKER_LINE = new RegExp(
  '^hook-executor: hang timed out twice in a row \\(1 s each\\), so it is skipped for the next 10 min, then tried once ' +
    '\\(`hook-executor breaker reset hang` runs it again now\\)$',
  'm',
);

function files(...names: string[]): string[] {
  return names.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      : [],
  );
}

/** The systemMessage lines Claude Code kept for the user (transcript attachments), in order. */
function shownToUser(session: ClaudeSession): string[] {
  return files(path.join(session.home, '.claude', 'projects'))
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as { attachment?: { type?: string; content?: string } })
    .flatMap((entry) => (entry.attachment?.type === 'hook_system_message' ? (entry.attachment.content ?? '').split('\n') : []));
}

interface Stored {
  readonly hooks: readonly { readonly id: string; readonly skipped?: string; readonly timed_out: boolean }[];
}

function hangRuns(monitor: string): { skipped?: string; timed_out: boolean }[] {
  return readFileSync(path.join(monitor, 'runs.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Stored)
    .flatMap((r) => r.hooks.filter((h) => h.id === 'hang'));
}

async function fourPrompts(session: ClaudeSession, between?: (k: number) => Promise<void>): Promise<PromptTiming[]> {
  const turns: PromptTiming[] = [];
  for (let k = 1; k <= 4; k++) {
    await between?.(k);
    const turn = await session.prompt(`prompt ${k}`);
    expect(turn.request && requestText(turn.request.body)).toContain('CTX-BREAKER-MARK');
    turns.push(turn);
  }
  return turns;
}

function expectBreaker(session: ClaudeSession, monitor: string): void {
  const lines = shownToUser(session);
  expect(lines.filter((line) => line.startsWith('hook-executor: hang'))).toHaveLength(1);
  expect(lines.join('\n')).toMatch(BREAKER_LINE);
  // Prompts 1 and 2 waited for the timeout; 3 and 4 did not run the hook at all.
  const runs = hangRuns(monitor);
  const what = runs.map((h) => (h.skipped?.startsWith('breaker open') ? 'skipped' : h.timed_out ? 'timed out' : 'ran'));
  expect(what).toEqual(['timed out', 'timed out', 'skipped', 'skipped']);
}

describe('the breaker in the real CLI', () => {
  test('through `hook-executor run`: skipped after two timeouts, the user told once', async () => {
    const session = await startClaudeSession({
      settings: { hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: executorCommand('UserPromptSubmit'), timeout: 30 }] }] } },
      files: { [EXECUTOR_CONFIG_PATH]: JSON.stringify(CONFIG) },
      env: ({ home }) => ({ HOOK_MONITOR_DIR: path.join(home, 'monitor') }),
    });
    try {
      await fourPrompts(session);
      expectBreaker(session, path.join(session.home, 'monitor'));
    } finally {
      await session.close();
    }
  });

  test('through the forward launcher: opened by the warm server, still open for `run` when the server is gone', async () => {
    const server = await startExecutorServer();
    let stopped = false;
    const session = await startClaudeSession({
      settings: { hooks: { UserPromptSubmit: [{ hooks: [{ ...launcherHandler('UserPromptSubmit'), timeout: 30 }] }] } },
      files: { [EXECUTOR_CONFIG_PATH]: JSON.stringify(CONFIG) },
      env: ({ home }) => ({ HOOK_EXECUTOR_STATE_DIR: server.stateDir, HOOK_MONITOR_DIR: path.join(home, 'monitor') }),
    });
    try {
      await fourPrompts(session, async (k) => {
        if (k === 3) {
          expect(((await server.stats()) as { requests: number }).requests).toBeGreaterThanOrEqual(2); // prompts 1 and 2 were forwarded
          await server.close();
          stopped = true;
        }
      });
      expectBreaker(session, path.join(session.home, 'monitor'));
    } finally {
      await session.close();
      if (!stopped) await server.close();
    }
  });
});
