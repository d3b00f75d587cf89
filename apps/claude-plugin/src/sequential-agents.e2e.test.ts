// The sequential-agents guard wired in by the plugin's hooks.json (PreToolUse, matcher Agent|Task),
// end to end: the fake model launches one subagent, waits for its result, then launches another.
import { describe, expect, test } from '@jest/globals';
import { toolResults } from '@fanout/claude-e2e';
import { agentCall, isMainRequest, withSubagents } from './test-helpers/agent-turns.js';
import { hookResponses, lastRequestTexts, runWithPlugin, systemReminders } from './test-helpers/plugin-run.js';

const GUARD = '[hook-executor sequential-agents]';

function sequentialRun(env: Record<string, string> = {}) {
  return runWithPlugin({
    prompt: 'research two things',
    turns: withSubagents([{ toolUse: agentCall(1) }, { toolUse: agentCall(2) }, { text: 'both done' }]),
    outputFormat: 'stream-json',
    env,
  });
}

describe('sequential-agents guard (through the plugin)', () => {
  test('by default it warns: the second one-at-a-time launch runs, and the next request carries the advice', async () => {
    const run = await sequentialRun();
    expect(run.result).toMatchObject({ subtype: 'success', is_error: false, result: 'both done' });
    expect(run.result?.permission_denials).toEqual([]);
    // Both subagents ran.
    expect(toolResults(run.requests).map((r) => [r.toolUseId, r.content.split('\n')[0], r.isError])).toEqual([
      ['toolu_fake_0_0', 'subagent done', false],
      ['toolu_fake_1_0', 'subagent done', false],
    ]);
    const notes = systemReminders(lastRequestTexts(run.requests, isMainRequest)).filter((n) => n.includes(GUARD));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^PreToolUse:Agent hook additional context: \[hook-executor sequential-agents\] This is subagent launch number 2 in this turn/);
    expect(notes[0]).toContain('put all of the independent Agent tool calls in ONE assistant message');
    // The guard ran for both launches and only spoke for the second.
    const guardOutputs = hookResponses(run, 'PreToolUse')
      .map((e) => String(e.stdout ?? ''))
      .filter((out) => out !== '');
    expect(guardOutputs).toHaveLength(1);
    expect(JSON.parse(guardOutputs[0]!)).toMatchObject({ hookSpecificOutput: { hookEventName: 'PreToolUse' } });
  });

  test('FANOUT_SEQUENTIAL_AGENTS=block denies the second launch with how to launch in parallel', async () => {
    const run = await sequentialRun({ FANOUT_SEQUENTIAL_AGENTS: 'block' });
    expect(run.result).toMatchObject({ subtype: 'success', result: 'both done' });
    expect(run.result?.permission_denials).toEqual([expect.objectContaining({ tool_use_id: 'toolu_fake_1_0' })]);
    const [first, second] = toolResults(run.requests);
    expect(first).toMatchObject({ toolUseId: 'toolu_fake_0_0', isError: false });
    expect(second).toMatchObject({ toolUseId: 'toolu_fake_1_0', isError: true });
    expect(second!.content).toContain(`${GUARD} Blocked:`);
    expect(second!.content).toContain('Retry now with every remaining independent agent in a single message');
  });

  test('FANOUT_SEQUENTIAL_AGENTS=off: both launches pass, nothing is said', async () => {
    const run = await sequentialRun({ FANOUT_SEQUENTIAL_AGENTS: 'off' });
    expect(run.result).toMatchObject({ subtype: 'success', result: 'both done', permission_denials: [] });
    expect(run.requests.some((r) => r.raw.includes(GUARD))).toBe(false);
  });

  test('agents launched together in one message draw no warning', async () => {
    const run = await runWithPlugin({
      prompt: 'research two things',
      turns: withSubagents([{ toolUse: [agentCall(1), agentCall(2)] }, { text: 'both done' }]),
    });
    expect(run.result).toMatchObject({ subtype: 'success', result: 'both done', permission_denials: [] });
    expect(toolResults(run.requests)).toHaveLength(2);
    expect(run.requests.some((r) => r.raw.includes(GUARD))).toBe(false);
  });
});
