import { describe, expect, test } from '@jest/globals';
import { estimateTokens } from '../tokens.js';
import { renderChunk } from '../map/map-prompt.js';
import { packPieces } from './pack.js';
import { fileLines, pieceLines, splitFile } from './split-file.js';

const file = (path: string, text: string) => ({ path, text, bytes: text.length, tokens: estimateTokens(text) });

function source(functions: number): string {
  const out: string[] = [];
  for (let f = 0; f < functions; f++) {
    out.push(`export function f${f}(x: number): number {`);
    for (let i = 0; i < 12; i++) out.push(`  const v${i} = x * ${i} + ${f}; // some arithmetic to make the line longer`);
    out.push('  return x;', '}', '');
  }
  return out.join('\n');
}

describe('splitFile', () => {
  test('a small file is one piece; lines keep their numbers; CRLF and the final newline are dropped', () => {
    const [only, ...rest] = splitFile(file('a.ts', 'one\r\ntwo\r\n'), 1000);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ file: 'a.ts', startLine: 1, lineCount: 2 });
    expect(pieceLines(only!)).toEqual(['one', 'two']);
    expect(fileLines('x\n\ny')).toEqual(['x', '', 'y']);
  });

  test('a long file is cut within the budget at function boundaries, covering every line once', () => {
    const text = source(40);
    const pieces = splitFile(file('big.ts', text), 600);
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) {
      expect(p.tokens).toBeLessThanOrEqual(600);
      expect(pieceLines(p)[0]).toMatch(/^export function f\d+/);
      expect(pieceLines(p)).toHaveLength(p.lineCount);
    }
    expect(pieces.flatMap(pieceLines)).toEqual(fileLines(text));
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    for (const [i, p] of pieces.slice(1).entries()) expect(p.startLine).toBe(pieces[i]!.startLine + pieces[i]!.lineCount);
  });

  test('with no boundary in sight it cuts where the budget ends; a single huge line stays whole', () => {
    const flat = Array.from({ length: 400 }, (_, i) => `  x${i} = ${i};`).join('\n');
    const pieces = splitFile(file('flat.ts', flat), 200);
    expect(pieces.flatMap(pieceLines)).toHaveLength(400);
    expect(Math.max(...pieces.map((p) => p.tokens))).toBeLessThanOrEqual(200);
    const huge = splitFile(file('min.js', `${'y'.repeat(5000)}\nz`), 200);
    expect(huge.map((p) => p.lineCount)).toEqual([1, 1]);
  });
});

describe('packPieces', () => {
  test('packs whole small files together up to the budget, in order', () => {
    const pieces = ['a', 'b', 'c', 'd', 'e'].flatMap((name) => splitFile(file(`${name}.ts`, 'z'.repeat(300)), 1000));
    const chunks = packPieces(pieces, 250);
    expect(chunks.map((c) => c.pieces.map((p) => p.file))).toEqual([['a.ts', 'b.ts'], ['c.ts', 'd.ts'], ['e.ts']]);
    expect(chunks.every((c) => c.tokens <= 250)).toBe(true);
  });
});

describe('renderChunk', () => {
  test('numbers every line inside <file> blocks, CRLF endings dropped, with or without a final newline', () => {
    const a = splitFile(file('a.ts', 'one\r\n\r\nthree\r\n'), 1000);
    const b = splitFile(file('dir/"b".ts', 'x\ny'), 1000);
    expect(renderChunk({ pieces: [...a, ...b], tokens: 0 })).toBe(
      [
        '<file path="a.ts" lines="1-3">',
        '1| one',
        '2| ',
        '3| three',
        '</file>',
        '<file path="dir/&quot;b&quot;.ts" lines="1-2">',
        '1| x',
        '2| y',
        '</file>',
      ].join('\n'),
    );
  });

  test('a piece in the middle of a file keeps its line numbers', () => {
    const pieces = splitFile(file('big.ts', source(10)), 200);
    const second = pieces[1]!;
    const rendered = renderChunk({ pieces: [second], tokens: 0 }).split('\n');
    expect(rendered[0]).toBe(`<file path="big.ts" lines="${second.startLine}-${second.startLine + second.lineCount - 1}">`);
    expect(rendered[1]).toBe(`${second.startLine}| ${pieceLines(second)[0]}`);
    expect(rendered).toHaveLength(second.lineCount + 2);
  });
});
