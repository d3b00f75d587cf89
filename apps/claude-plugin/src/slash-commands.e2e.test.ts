// The plugin's slash commands in the real CLI: `claude -p "/fanout:<command> args"` expands the
// command file, runs its ```! block (the tool, offline on the built-in simulator) and sends the
// tool's output to the model as part of the user's message.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ClaudeRun } from '@fanout/claude-e2e';
import { lastRequestTexts, runWithPlugin } from './test-helpers/plugin-run.js';

/** The expanded command the model received: the text block right after the `<command-name>` one. */
function expandedCommand(run: ClaudeRun): string {
  const texts = lastRequestTexts(run.requests);
  const at = texts.findIndex((t) => t.includes('<command-name>'));
  expect(at).toBeGreaterThanOrEqual(0);
  return texts[at + 1] ?? '';
}

function slash(prompt: string, files: Record<string, string> = {}, env: Record<string, string> = {}) {
  return runWithPlugin({ prompt, files, env, turns: [{ text: 'relayed' }] });
}

describe('slash commands', () => {
  test('/fanout:oracle passes the arguments as typed (quotes, $, ?, !) and returns every persona’s answer', async () => {
    const rules = [
      { match: { user: "/^what's up \\$HOME\\? !bang$/" }, reply: 'ORACLE-RULE-HIT the question arrived intact' },
      { match: {}, reply: 'ORACLE-MISS' },
    ];
    const run = await slash(`/fanout:oracle --provider sim --sim-rules rules.json --batch judge,critic what's "up" $HOME? !bang`, {
      'rules.json': JSON.stringify(rules),
    });
    expect(run.result).toMatchObject({ subtype: 'success', is_error: false, result: 'relayed', num_turns: 1 });
    const expanded = expandedCommand(run);
    expect(expanded).toContain('## judge');
    expect(expanded).toContain('## critic');
    expect(expanded.match(/ORACLE-RULE-HIT the question arrived intact/g)).toHaveLength(2);
    expect(expanded).not.toContain('ORACLE-MISS');
    expect(expanded).toContain("Show the user each persona's answer faithfully");
  });

  test('/fanout:oracle with a bad flag: the error and exit code reach the conversation instead of aborting', async () => {
    const run = await slash('/fanout:oracle --bogus-flag hi');
    expect(run.result).toMatchObject({ subtype: 'success', result: 'relayed' });
    const expanded = expandedCommand(run);
    expect(expanded).toMatch(/oracle: Unknown arguments?: bogus-flag/);
    expect(expanded).toContain('[oracle exited with code 2]');
  });

  test('/fanout:council returns the arbiter’s synthesis', async () => {
    const rules = [{ match: { persona: 'arbiter' }, reply: { converged: true, synthesis: 'COUNCIL-SYNTHESIS ship it' } }];
    const run = await slash('/fanout:council --provider sim --sim-rules rules.json Ship it?', { 'rules.json': JSON.stringify(rules) });
    expect(run.result).toMatchObject({ subtype: 'success', result: 'relayed' });
    expect(expandedCommand(run)).toContain('COUNCIL-SYNTHESIS ship it');
  });

  test('/fanout:swarm runs N items and tallies the vote', async () => {
    const rules = [{ match: { user: 'Pick a colour' }, reply: 'Answer: blue' }];
    const run = await slash('/fanout:swarm --provider sim --sim-rules rules.json "Pick a colour" --n 12 --vote --out results.jsonl', {
      'rules.json': JSON.stringify(rules),
    });
    expect(run.result).toMatchObject({ subtype: 'success', result: 'relayed' });
    const expanded = expandedCommand(run);
    expect(expanded).toMatch(/swarm: 12 items, 12 ok, 0 failed/);
    expect(expanded).toMatch(/winner: "blue" \(agreement 100\.0%\)/);
    expect(run.projectFiles['results.jsonl']?.trim().split('\n')).toHaveLength(12);
  });

  describe('/fanout:hooks-report', () => {
    let monitorDir: string;
    beforeAll(async () => {
      monitorDir = await mkdtemp(path.join(os.tmpdir(), 'fanout-plugin-monitor-'));
    });
    afterAll(async () => {
      await rm(monitorDir, { recursive: true, force: true });
    });

    test('shows the runs hook-executor recorded in an earlier session', async () => {
      const env = { HOOK_MONITOR_DIR: monitorDir };
      const earlier = await runWithPlugin({
        prompt: 'hello',
        env,
        files: {
          '.claude/hook-executor.json': JSON.stringify({
            hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo recorded-context', id: 'greeter' }] }] },
          }),
        },
      });
      expect(earlier.result).toMatchObject({ subtype: 'success' });

      const run = await slash('/fanout:hooks-report --event UserPromptSubmit', {}, env);
      expect(run.result).toMatchObject({ subtype: 'success', result: 'relayed' });
      const expanded = expandedCommand(run);
      expect(expanded).toMatch(/UserPromptSubmit: 1 runs/);
      expect(expanded).toMatch(/\bgreeter\s+1\s/);
      expect(expanded).toContain(monitorDir);
    });
  });
});
