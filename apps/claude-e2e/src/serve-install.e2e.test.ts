import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { hookExecutorBin } from './hook-modes.js';
import { observe } from './observe.js';
import { runClaude } from './run-claude.js';
import { shHook } from './test-helpers/hook-case.js';

// `hook-executor install --mode http` as a user would run it, then the real CLI with the settings
// it wrote: the SessionStart command hook `serve --ensure` starts the server (and tells it the
// session's project), and the http hooks it registered are answered by that server.

const HOOKS = {
  UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'sh "$CLAUDE_PROJECT_DIR/hooks/context.sh"' }] }],
  PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'sh hooks/deny.sh' }] }],
};

describe('install --mode http, then the real CLI', () => {
  test('SessionStart starts the server; the prompt’s context and a PreToolUse deny come from it', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'fanout-serve-install-'));
    const scratch = path.join(root, 'scratch');
    mkdirSync(path.join(scratch, '.claude'), { recursive: true });
    writeFileSync(path.join(scratch, '.claude', 'settings.local.json'), JSON.stringify({ hooks: HOOKS }));
    const env = {
      ...process.env,
      HOME: path.join(root, 'home'),
      HOOK_EXECUTOR_STATE_DIR: path.join(root, 'state'),
      HOOK_MONITOR_DIR: path.join(root, 'monitor'),
      CLAUDE_PROJECT_DIR: scratch,
    };
    const bin = hookExecutorBin();
    const stop = () => execFileSync(process.execPath, [bin, 'serve', '--stop'], { env, stdio: 'pipe' });
    try {
      execFileSync(process.execPath, [bin, 'install', '--scope', 'local', '--mode', 'http', '--gates', 'http', '--command', `node ${bin}`], {
        cwd: scratch,
        env,
        stdio: 'pipe',
      });
      const settings = JSON.parse(readFileSync(path.join(scratch, '.claude', 'settings.local.json'), 'utf8')) as Record<string, unknown>;
      const executorConfig = readFileSync(path.join(scratch, '.claude', 'hook-executor.local.json'), 'utf8');
      expect(JSON.stringify(settings.hooks)).toContain('"type":"http"');

      const run = await runClaude({
        prompt: 'write the file',
        settings,
        files: {
          '.claude/hook-executor.local.json': executorConfig,
          'hooks/context.sh': shHook('echo "CTX-SERVED from $(basename "$CLAUDE_PROJECT_DIR")"'),
          'hooks/deny.sh': shHook(
            `echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"DENY-SERVED"}}'`,
          ),
        },
        turns: [{ toolUse: { name: 'Bash', input: { command: 'echo ran > ran.txt', description: 'write' } } }, { text: 'over' }],
        allowedTools: ['Bash'],
        env: { HOOK_EXECUTOR_STATE_DIR: env.HOOK_EXECUTOR_STATE_DIR, HOOK_MONITOR_DIR: env.HOOK_MONITOR_DIR },
      });
      const seen = observe(run, ['CTX-SERVED from project']);
      expect(seen).toMatchObject({ exitCode: 0, isError: false, numTurns: 2, resultText: 'over', markers: ['CTX-SERVED from project'] });
      expect(seen.toolResults).toEqual([{ toolUseId: 'toolu_fake_0_0', content: 'DENY-SERVED', isError: true }]);
      expect(run.projectFiles['ran.txt']).toBeUndefined();
      const lines = readFileSync(path.join(root, 'monitor', 'runs.jsonl'), 'utf8').trim().split('\n');
      const records = lines.map((l) => JSON.parse(l) as { source: string; event: string });
      expect(records.filter((r) => r.source === 'serve').map((r) => r.event)).toEqual(['UserPromptSubmit', 'PreToolUse']);
      const statusJson = execFileSync(process.execPath, [bin, 'serve', '--status', '--json'], { env, encoding: 'utf8' });
      const status = JSON.parse(statusJson) as { running: boolean; port: number };
      expect(status.running).toBe(true);
      expect(JSON.stringify(settings.hooks)).toContain(`http://127.0.0.1:${status.port}/hooks/PreToolUse`);
    } finally {
      stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
