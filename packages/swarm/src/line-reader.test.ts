import { describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { readLines } from './line-reader.js';
import { withTempDir } from './test-helpers/tmp.js';

describe('readLines', () => {
  test('gives text, 1-based numbers and byte offsets; flags an unterminated last line', () =>
    withTempDir((t) => {
      const f = t.file('a.txt');
      writeFileSync(f, 'one\r\nzwei→\n\nthree');
      const lines = [...readLines(f)];
      expect(lines.map((l) => l.text)).toEqual(['one', 'zwei→', '', 'three']);
      expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
      expect(lines[1]).toMatchObject({ start: 5, end: 5 + Buffer.byteLength('zwei→\n'), terminated: true });
      expect(lines[3]).toMatchObject({ terminated: false, end: Buffer.byteLength('one\r\nzwei→\n\nthree') });
    }));

  test('lines longer than the read chunk and multi-byte characters across chunk edges survive', () =>
    withTempDir((t) => {
      const f = t.file('b.txt');
      const long = 'é'.repeat(70_000); // 140 KB: spans three 64 KiB chunks, characters split at edges
      writeFileSync(f, `${long}\nshort\n`);
      const lines = [...readLines(f)];
      expect(lines).toHaveLength(2);
      expect(lines[0]!.text).toBe(long);
      expect(lines[1]).toMatchObject({ text: 'short', start: Buffer.byteLength(long) + 1, terminated: true });
    }));
});
