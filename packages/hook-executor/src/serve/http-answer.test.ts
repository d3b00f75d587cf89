import { describe, expect, test } from '@jest/globals';
import { httpAnswer } from './http-answer.js';

const out = (exitCode: number, stdout = '', stderr = '') => ({ exitCode, stdout, stderr });
const body = (event: string, o: ReturnType<typeof out>) => {
  const a = httpAnswer(event, o);
  return { status: a.status, body: a.body === '' ? '' : JSON.parse(a.body), ...(a.lost ? { lost: a.lost } : {}) };
};

describe('httpAnswer: run’s exit code and streams, said as an http hook body', () => {
  test('JSON passes through; nothing stays nothing', () => {
    expect(httpAnswer('Stop', out(0, '{"decision":"block","reason":"r"}\n'))).toEqual({ status: 200, body: '{"decision":"block","reason":"r"}' });
    expect(httpAnswer('Stop', out(0))).toEqual({ status: 200, body: '' });
  });

  test('plain-text context becomes additionalContext; plain text elsewhere only went to the debug log', () => {
    expect(body('SessionStart', out(0, 'A\n\nB\n'))).toEqual({
      status: 200,
      body: { hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: 'A\n\nB' } },
    });
    expect(body('UserPromptExpansion', out(0, 'X\n')).body.hookSpecificOutput.additionalContext).toBe('X');
    expect(body('Notification', out(0, 'debug only\n'))).toEqual({ status: 200, body: '' });
  });

  test('exit 2 per event: deny, block, decline, user message, ignored, or lost', () => {
    expect(body('PreToolUse', out(2, '', 'R\n')).body).toEqual({
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'R' },
    });
    expect(body('PostToolBatch', out(2, '', 'R\n')).body).toEqual({ decision: 'block', reason: 'R' });
    expect(body('Elicitation', out(2, '', 'R\n')).body).toEqual({ hookSpecificOutput: { hookEventName: 'Elicitation', action: 'decline' } });
    expect(body('SubagentStart', out(2, '', 'R\n')).body).toEqual({ systemMessage: 'R' });
    expect(body('PermissionRequest', out(2, '', 'R\n'))).toEqual({ status: 200, body: '' });
    expect(body('TeammateIdle', out(2, '', 'keep going\n'))).toEqual({
      status: 200,
      body: { systemMessage: 'keep going' },
      lost: 'exit 2 (TeammateIdle has no JSON equivalent)',
    });
    expect(body('PostCompact', out(2, '', 'R\n'))).toEqual({ status: 200, body: '', lost: 'exit 2 (PostCompact has no JSON equivalent)' });
  });

  test('exit 1 (the executor’s own non-blocking failure): a systemMessage where the event shows one', () => {
    expect(body('UserPromptSubmit', out(1, '', 'hook-executor: broken\n')).body).toEqual({ systemMessage: 'hook-executor: broken' });
    expect(body('SessionEnd', out(1, '', 'hook-executor: broken\n'))).toEqual({ status: 200, body: '' });
  });

  test('WorktreeCreate: the path as worktreePath; a failure as an error status', () => {
    expect(body('WorktreeCreate', out(0, '/tmp/wt\n')).body).toEqual({ hookSpecificOutput: { hookEventName: 'WorktreeCreate', worktreePath: '/tmp/wt' } });
    expect(httpAnswer('WorktreeCreate', out(1, '', 'failed\n')).status).toBe(500);
  });
});
