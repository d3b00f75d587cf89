import { describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { InputError } from './errors.js';
import { readInput, scanInput } from './input-reader.js';
import { withTempDir } from './test-helpers/tmp.js';

function withFile(text: string, fn: (file: string) => void) {
  return withTempDir((t) => {
    const f = t.file('prompts.jsonl');
    writeFileSync(f, text);
    fn(f);
  });
}

describe('scanInput / readInput', () => {
  test('valid lines are counted and streamed in order; blank lines ignored; numeric ids become strings', () => {
    return withFile('{"id":"a","prompt":"p1"}\n\n{"id":7,"prompt":"p2","persona":"critic"}\n', (f) => {
      expect(scanInput(f)).toMatchObject({ count: 2, invalid: 0 });
      expect([...readInput(f)]).toEqual([
        { id: 'a', prompt: 'p1', line: 1, index: 0 },
        { id: '7', prompt: 'p2', persona: 'critic', line: 3, index: 1 },
      ]);
    });
  });

  test.each([
    ['{"id":"a","prompt":"x"}\n{"id":"b",\n', 2, 'not valid JSON'],
    ['{"id":"a","prompt":"x"}\n[1,2]\n', 2, 'expected a JSON object'],
    ['{"prompt":"x"}\n', 1, 'missing "id"'],
    ['{"id":"a"}\n', 1, 'missing "prompt"'],
    ['{"id":"a","prompt":""}\n', 1, '"prompt" must be a non-empty string'],
    ['{"id":"a","prompt":"x","persona":3}\n', 1, '"persona" must be'],
  ])('a malformed line stops with FILE:LINE: problem (%#)', (text, line, problem) => {
    return withFile(text, (f) => {
      let caught: unknown;
      try {
        scanInput(f);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InputError);
      expect((caught as InputError).message.startsWith(`${f}:${line}: `)).toBe(true);
      expect((caught as InputError).message).toContain(problem);
    });
  });

  test('duplicate ids are refused naming both lines, even with skipInvalid', () => {
    return withFile('{"id":"a","prompt":"x"}\n{"id":"b","prompt":"y"}\n{"id":"a","prompt":"z"}\n', (f) => {
      expect(() => scanInput(f, { skipInvalid: true })).toThrow(`${f}:3: duplicate id "a" (first on line 1)`);
    });
  });

  test('skipInvalid skips and counts malformed lines', () => {
    return withFile('{"id":"a","prompt":"x"}\nnope\n{"id":"b"}\n{"id":"c","prompt":"z"}\n', (f) => {
      const scan = scanInput(f, { skipInvalid: true });
      expect(scan).toMatchObject({ count: 2, invalid: 2 });
      expect(scan.problems[0]).toContain(':2: not valid JSON');
      expect([...readInput(f)].map((p) => p.id)).toEqual(['a', 'c']);
    });
  });
});
