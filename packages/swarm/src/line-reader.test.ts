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

describe('readLines on hostile files', () => {
  test('a line past maxLineBytes comes back overlong and empty; the lines around it are intact', () =>
    withTempDir((t) => {
      const f = t.file('c.txt');
      const huge = 'x'.repeat(300_000); // several chunks
      writeFileSync(f, `before\n${huge}\nafter\n${huge}`);
      const lines = [...readLines(f, { maxLineBytes: 100_000 })];
      expect(lines.map((l) => [l.text, l.overlong ?? false, l.terminated])).toEqual([
        ['before', false, true],
        ['', true, true],
        ['after', false, true],
        ['', true, false],
      ]);
      expect(lines[2]).toMatchObject({ line: 3, start: 7 + 300_001, end: 7 + 300_001 + 6 });
      expect(lines[3]!.end).toBe(7 + 300_001 + 6 + 300_000);
    }));

  test('a 40 MB line under the limit is read whole (each byte searched once, the line joined once)', () =>
    withTempDir((t) => {
      const f = t.file('d.txt');
      const long = 'y'.repeat(40 * 1024 * 1024);
      writeFileSync(f, `${long}\nz\n`);
      const lines = [...readLines(f, { maxLineBytes: 64 * 1024 * 1024 })];
      expect(lines.map((l) => l.text.length)).toEqual([long.length, 1]);
      expect(lines[0]!.text === long).toBe(true);
    }));

  test('a directory, a FIFO or a device is refused before any read', () =>
    withTempDir((t) => {
      expect(() => [...readLines(t.dir)]).toThrow(expect.objectContaining({ code: 'ENOTFILE', message: `${t.dir} is a directory, not a regular file` }));
      expect(() => [...readLines('/dev/zero')]).toThrow(expect.objectContaining({ code: 'ENOTFILE', kind: 'a device' }));
    }));
});
