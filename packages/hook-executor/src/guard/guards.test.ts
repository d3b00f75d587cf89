import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { runBin, tempDir } from '../test-helpers/fixtures.js';
import { parallelReminderOutput, REMINDER } from './parallel-reminder.js';
import { GUARD_MARK, sequentialAgentsOutput } from './sequential-agents.js';

type Line = Record<string, unknown>;
let n = 0;
const prompt = (text: string): Line => ({ type: 'user', uuid: `u${++n}`, isSidechain: false, message: { role: 'user', content: text } });
/** One API message written as one line per content block, as Claude Code does. */
const assistant = (id: string, blocks: Line[], sidechain = false): Line[] =>
  blocks.map((block) => ({
    type: 'assistant',
    uuid: `a${++n}`,
    isSidechain: sidechain,
    requestId: `req_${id}`,
    message: { id, role: 'assistant', content: [block] },
  }));
const agent = (id: string, name = 'Agent'): Line => ({
  type: 'tool_use',
  id,
  name,
  input: { description: id, prompt: 'research', subagent_type: 'general-purpose' },
});
const result = (id: string, text = 'done'): Line => ({
  type: 'user',
  uuid: `u${++n}`,
  isSidechain: false,
  message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: text }] },
});

function transcript(lines: Line[]): string {
  const file = path.join(tempDir(), 'session.jsonl');
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

const launch = (file: string, toolUseId: string, toolName = 'Agent', promptId = 'p1') => ({
  session_id: 's1',
  prompt_id: promptId,
  hook_event_name: 'PreToolUse',
  tool_name: toolName,
  tool_use_id: toolUseId,
  tool_input: { description: 'x', prompt: 'y' },
  transcript_path: file,
});

function output(file: string, toolUseId: string, block = false, toolName = 'Agent', state = path.join(tempDir(), 'state.json'), promptId = 'p1') {
  const text = sequentialAgentsOutput(launch(file, toolUseId, toolName, promptId), block, state);
  return text ? (JSON.parse(text).hookSpecificOutput as Record<string, string>) : undefined;
}

describe('guard sequential-agents', () => {
  const sequential = () =>
    transcript([
      prompt('research A, B and C'),
      ...assistant('msg_1', [{ type: 'text', text: 'Starting with A' }, agent('t1')]),
      result('t1'),
      ...assistant('msg_2', [agent('t2')]),
      result('t2'),
    ]);

  test('one agent per message, each after the previous returned: a warning in additionalContext', () => {
    const out = output(sequential(), 't3');
    expect(out?.additionalContext).toMatch(new RegExp(`^\\[${GUARD_MARK}\\] This is subagent launch number 3 in this turn`));
    expect(out?.additionalContext).toMatch(/in ONE assistant message/);
    expect(out?.permissionDecision).toBeUndefined();
  });

  test('with --block: a deny explaining how to launch them in parallel; the retry of the same call is let through', () => {
    const file = sequential();
    const out = output(file, 't3', true);
    expect(out).toMatchObject({ permissionDecision: 'deny' });
    expect(out?.permissionDecisionReason).toMatch(/put all of the independent Agent tool calls in ONE assistant message/);
    // Claude Code records the denial as the tool_result of t3; the model then retries alone.
    const lines =
      fs.readFileSync(file, 'utf8') +
      [...assistant('msg_3', [agent('t3')]), result('t3', `Error: ${out?.permissionDecisionReason}`)].map((l) => JSON.stringify(l)).join('\n') +
      '\n';
    fs.writeFileSync(file, lines);
    expect(output(file, 't4', true)?.permissionDecision).toBeUndefined();
  });

  test('as the real CLI writes it: the previous launch’s result not yet in the transcript, the current message not at all', () => {
    // Observed with Claude Code 2.1.197 at PreToolUse of the second one-at-a-time launch.
    const lagging = transcript([prompt('research two things'), ...assistant('msg_fake_0', [agent('toolu_fake_0_0')])]);
    expect(output(lagging, 'toolu_fake_1_0')?.additionalContext).toMatch(/launch number 2 in this turn/);
    // …and at PreToolUse of either of two launches made together: both lines are there.
    const together = transcript([prompt('research two things'), ...assistant('msg_fake_0', [agent('toolu_fake_0_0'), agent('toolu_fake_0_1')])]);
    expect(output(together, 'toolu_fake_0_0')).toBeUndefined();
    expect(output(together, 'toolu_fake_0_1')).toBeUndefined();
  });

  test('--block denies once per turn (remembered per session): the retry gets the warning only; a new turn can be denied again', () => {
    const state = path.join(tempDir(), 'state.json');
    const file = transcript([prompt('go'), ...assistant('m0', [agent('t0')])]);
    expect(output(file, 't1', true, 'Agent', state)?.permissionDecision).toBe('deny');
    const retry = output(file, 't1-retry', true, 'Agent', state);
    expect(retry?.permissionDecision).toBeUndefined();
    expect(retry?.additionalContext).toMatch(/launch number 2/);
    expect(output(file, 't9', true, 'Agent', state, 'p2')?.permissionDecision).toBe('deny');
  });

  test('agents launched together in one message (blocks on separate lines sharing message.id): nothing to say', () => {
    const file = transcript([prompt('go'), ...assistant('msg_1', [agent('t1')]), result('t1'), ...assistant('msg_2', [agent('t2'), agent('t3')])]);
    expect(output(file, 't3')).toBeUndefined();
  });

  test('the first launch of a turn, a new prompt, sidechain lines and other tools: nothing to say', () => {
    expect(output(transcript([prompt('go')]), 't1')).toBeUndefined();
    const newTurn = transcript([
      prompt('a'),
      ...assistant('m1', [agent('t1')]),
      result('t1'),
      ...assistant('m2', [agent('t2')]),
      result('t2'),
      prompt('now something else'),
    ]);
    expect(output(newTurn, 't9')).toBeUndefined();
    // A subagent's own launches (sidechain lines) are not the main conversation's.
    const sidechain = [prompt('go'), ...assistant('s1', [agent('x1')], true), result('x1'), ...assistant('s2', [agent('x2')], true), result('x2')];
    expect(output(transcript(sidechain), 't1')).toBeUndefined();
    const withMain = transcript([...sidechain, ...assistant('m1', [agent('t1')]), result('t1')]);
    expect(output(withMain, 't2')?.additionalContext).toMatch(/launch number 2 in this turn/);
  });

  test('the old tool name Task counts too', () => {
    const file = transcript([prompt('go'), ...assistant('m1', [agent('t1', 'Task')]), result('t1')]);
    expect(output(file, 't2', false, 'Task')?.additionalContext).toMatch(/launch number 2/);
    expect(sequentialAgentsOutput({ ...launch(file, 't2'), tool_name: 'Bash' }, true, path.join(tempDir(), 's.json'))).toBe('');
  });

  test('through the binary, as Claude Code runs it', async () => {
    const env = { ...process.env, HOOK_EXECUTOR_STATE_DIR: tempDir() };
    const r = await runBin(['guard', 'sequential-agents', '--block'], { input: JSON.stringify(launch(sequential(), 't3')), env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    expect(await runBin(['guard', 'nope'], { input: '{}', env })).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown guard "nope"/) });
  });
});

describe('guard parallel-reminder', () => {
  test('at most once per interval per session', () => {
    const file = path.join(tempDir(), 'state.json');
    const t = 1_000_000_000;
    expect(parallelReminderOutput({ session_id: 'a' }, 30, file, t)).toBe(REMINDER);
    expect(parallelReminderOutput({ session_id: 'a' }, 30, file, t + 29 * 60_000)).toBe('');
    expect(parallelReminderOutput({ session_id: 'b' }, 30, file, t + 60_000)).toBe(REMINDER);
    expect(parallelReminderOutput({ session_id: 'a' }, 30, file, t + 31 * 60_000)).toBe(REMINDER);
  });

  test('through the binary: plain stdout context, then silence', async () => {
    const env = { ...process.env, HOOK_EXECUTOR_STATE_DIR: tempDir() };
    const input = JSON.stringify({ session_id: 's', hook_event_name: 'UserPromptSubmit', prompt: 'x' });
    expect(await runBin(['guard', 'parallel-reminder', '--every', '10'], { input, env })).toMatchObject({ code: 0, stdout: `${REMINDER}\n` });
    expect(await runBin(['guard', 'parallel-reminder', '--every', '10'], { input, env })).toMatchObject({ code: 0, stdout: '' });
  });
});
