import { describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { formatRecord } from './result-record.js';
import { ResultsWriter } from './results-writer.js';
import { withTempDir } from './test-helpers/tmp.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ResultsWriter', () => {
  test('lines pushed in one turn reach the file together at the next turn, whole', () =>
    withTempDir(async (t) => {
      const f = t.file('r.jsonl');
      const w = new ResultsWriter(f);
      w.push('{"id":"0"}');
      w.push('{"id":"1"}');
      expect(readFileSync(f, 'utf8')).toBe('');
      await tick();
      expect(readFileSync(f, 'utf8')).toBe('{"id":"0"}\n{"id":"1"}\n');
      expect(w.linesWritten).toBe(2);
      w.push('{"id":"2"}');
      w.close();
      expect(readFileSync(f, 'utf8').split('\n')).toHaveLength(4);
    }));

  test('append keeps what is there; maxPending forces an early flush', () =>
    withTempDir((t) => {
      const f = t.file('r.jsonl');
      writeFileSync(f, '{"id":"a"}\n');
      const w = new ResultsWriter(f, { append: true, maxPending: 8 });
      w.push('{"id":"b"}');
      expect(readFileSync(f, 'utf8')).toBe('{"id":"a"}\n{"id":"b"}\n');
      w.close();
    }));

  test('formatRecord writes the documented fields as one parseable line', () => {
    const line = formatRecord({ id: 'x"1', persona: null, content: 'a\nb', usage: { prompt_tokens: 3, completion_tokens: 4 }, ms: 12.6, attempts: 2 });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ id: 'x"1', persona: null, content: 'a\nb', usage: { prompt_tokens: 3, completion_tokens: 4 }, ms: 13, attempts: 2 });
    const failed = JSON.parse(formatRecord({ id: '2', persona: 'critic', content: null, usage: null, ms: 5, attempts: 4, error: 'HTTP 500', answer: null }));
    expect(failed).toEqual({ id: '2', persona: 'critic', content: null, usage: null, ms: 5, attempts: 4, answer: null, error: 'HTTP 500' });
  });
});
