// `hook-monitor import` on a transcript the real CLI just wrote: the hooks that printed or failed are
// timed, silent and blocking ones are absent, and no prompt or hook output reaches the store.
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runClaude } from './run-claude.js';

const MONITOR_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages/hook-monitor/bin/hook-monitor.js');
const hook = (command: string) => ({ type: 'command', command });

describe('hook-monitor import on a real Claude Code transcript', () => {
  test('successes and non-blocking errors per event firing; silent and exit-2 hooks absent; no text stored', async () => {
    const run = await runClaude({
      prompt: 'PROMPT-SECRET-MARK list the files',
      settings: {
        hooks: {
          UserPromptSubmit: [{ hooks: [hook('sleep 0.1; echo CTX-OUTPUT-MARK'), hook('true'), hook('echo warn >&2; exit 1')] }],
          PreToolUse: [{ matcher: 'Bash', hooks: [hook('echo pre-ok'), hook('echo deny-me >&2; exit 2')] }],
          Stop: [{ hooks: [hook('echo stop-out')] }],
        },
      },
      turns: [{ toolUse: { name: 'Bash', input: { command: 'echo hi', description: 'hi' } } }, { text: 'done' }],
      allowedTools: ['Bash'],
      keep: true,
    });
    const store = fs.mkdtempSync(path.join(os.tmpdir(), 'hook-monitor-import-e2e-'));
    try {
      expect(run.exitCode).toBe(0);
      const from = path.join(run.home, '.claude', 'projects');
      const cli = (args: string[]) => JSON.parse(execFileSync(process.execPath, [MONITOR_BIN, ...args, '--dir', store, '--json'], { encoding: 'utf8' }));
      expect(cli(['import', '--from', from])).toMatchObject({ files: 1, runs: 3, hooks: 4 });
      expect(cli(['import', '--from', from])).toMatchObject({ runs: 0 });
      const report = cli(['report']);
      const hooksOf = (event: string) => report.events.find((e: { event: string }) => e.event === event)?.hooks.map((h: { id: string }) => h.id);
      expect(hooksOf('UserPromptSubmit')).toEqual(expect.arrayContaining(['sleep 0.1; echo CTX-OUTPUT-MARK', 'echo warn >&2; exit 1']));
      expect(hooksOf('UserPromptSubmit')).toHaveLength(2);
      expect(hooksOf('PreToolUse')).toEqual(['echo pre-ok']);
      expect(hooksOf('Stop')).toEqual(['echo stop-out']);
      const ups = report.events.find((e: { event: string }) => e.event === 'UserPromptSubmit');
      expect(ups.wall.p50).toBeGreaterThanOrEqual(100);
      const stored = fs.readdirSync(store).filter((n) => n.startsWith('runs')).map((n) => fs.readFileSync(path.join(store, n), 'utf8')).join('');
      expect(stored).not.toContain('PROMPT-SECRET-MARK');
      expect(stored).not.toContain('CTX-OUTPUT-MARK\\n');
      expect(stored).not.toContain('deny-me');
      expect(stored.split('\n').filter(Boolean).every((line) => JSON.parse(line).source === 'transcript')).toBe(true);
    } finally {
      fs.rmSync(path.dirname(run.home), { recursive: true, force: true });
      fs.rmSync(store, { recursive: true, force: true });
    }
  }, 120_000);
});
