import { describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { scanResults } from './resume-reader.js';
import { withTempDir } from './test-helpers/tmp.js';

describe('scanResults', () => {
  test('a missing file is an empty scan', () =>
    withTempDir((t) => {
      expect(scanResults(t.file('none.jsonl')).ids.size).toBe(0);
    }));

  test('collects ids, truncates a torn last line, counts invalid and failed lines', () =>
    withTempDir((t) => {
      const f = t.file('r.jsonl');
      const good = '{"id":"0","content":"a"}\n{"id":"1","content":null,"error":"HTTP 500"}\nnot json\n{"id":"2","content":"b"}\n';
      writeFileSync(f, `${good}{"id":"3","cont`);
      const seen: string[] = [];
      const scan = scanResults(f, { onRecord: (r) => seen.push(r.id) });
      expect([...scan.ids]).toEqual(['0', '1', '2']);
      expect(seen).toEqual(['0', '1', '2']);
      expect(scan).toMatchObject({ lines: 3, invalid: 1, failed: 1, truncatedBytes: '{"id":"3","cont'.length, dropped: 0 });
      expect(readFileSync(f, 'utf8')).toBe(good);
    }));

  test('dropFailed rewrites the file without failed lines so they run again', () =>
    withTempDir((t) => {
      const f = t.file('r.jsonl');
      writeFileSync(f, '{"id":"0","content":"a"}\n{"id":"1","content":null,"error":"HTTP 500"}\n{"id":"2","content":"b"}\n');
      const scan = scanResults(f, { dropFailed: true });
      expect([...scan.ids]).toEqual(['0', '2']);
      expect(scan).toMatchObject({ dropped: 1, failed: 0, lines: 2 });
      expect(readFileSync(f, 'utf8')).toBe('{"id":"0","content":"a"}\n{"id":"2","content":"b"}\n');
    }));
});
