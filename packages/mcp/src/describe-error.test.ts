import { describe, expect, test } from '@jest/globals';
import { describeError, toolWording } from './describe-error.js';

const coded = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('describeError', () => {
  test('is the first line of an expected error, in argument words instead of CLI flags', () => {
    expect(describeError(coded('NO_CREDENTIALS', 'Set OPENAI_API_KEY (or pass --provider/--base-url); to try offline use --provider sim\nmore'))).toBe(
      'Set OPENAI_API_KEY (or pass provider); to try offline use provider: "sim"',
    );
    expect(describeError(coded('USAGE', '--input prompts.jsonl: no such file'))).toBe('input_file prompts.jsonl: no such file');
    expect(describeError(coded('BAD_SINCE', '--since: expected an age'))).toBe('since: expected an age');
  });

  test('names cancellation and timeouts plainly', () => {
    expect(describeError(coded('ABORTED', 'The operation was aborted'))).toBe('cancelled');
    expect(describeError(Object.assign(coded('TASK_TIMEOUT', 'Task 0 timed out'), { timeoutMs: 1500 }))).toBe('timed out after 1.5 s');
  });

  test('marks a bug as an internal error, without its stack', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(describeError(bug)).toBe("internal error: Cannot read properties of undefined (reading 'x')");
    expect(describeError('thrown string')).toBe('internal error: thrown string');
  });
});

describe('toolWording', () => {
  test('turns any other flag into the argument of the same name', () => {
    expect(toolWording('--early-stop needs --vote')).toBe('early_stop needs vote');
    expect(toolWording('unknown persona "x" (--persona)')).toBe('unknown persona "x" (personas)');
  });
});
