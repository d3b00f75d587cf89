import { describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { withTempDir } from '../test-helpers/tmp.js';
import type { Chunk } from './pack.js';
import { chunkStream } from './chunk-stream.js';

// Five files of ~100 tokens each: with chunks of 150 tokens, one file per chunk.
function corpus(dir: string): string[] {
  return ['a', 'b', 'c', 'd', 'e'].map((name) => {
    const abs = path.join(dir, `${name}.ts`);
    writeFileSync(abs, `export const ${name} = '${name.repeat(300)}';\n`);
    return abs;
  });
}

const discovery = (cwd: string) => ({ paths: [], cwd, includeUntracked: false, maxFileBytes: 1 << 20 });

describe('chunkStream', () => {
  test('pieces are numbered in corpus order, cached ones are left out, and no file text is kept', () =>
    withTempDir(async (dir) => {
      const told: [number, string][] = [];
      const stream = chunkStream(corpus(dir), discovery(dir), 150, (piece, index) => {
        told.push([index, piece.file]);
        return index === 1;
      });
      const chunks: Chunk[] = [];
      for await (const chunk of stream.chunks) chunks.push(chunk);
      expect(told).toEqual([[0, 'a.ts'], [1, 'b.ts'], [2, 'c.ts'], [3, 'd.ts'], [4, 'e.ts']]);
      expect(chunks.map((c) => c.pieces.map((p) => p.file))).toEqual([['a.ts'], ['c.ts'], ['d.ts'], ['e.ts']]);
      expect(stream.pieces()).toBe(5);
      expect(stream.files.map((f) => f.path)).toEqual(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts']);
      expect(stream.files.every((f) => !('text' in f) && f.tokens > 0)).toBe(true);
    }));

  test('the event loop gets a turn between chunks, so the first calls go out while later chunks are read', () =>
    withTempDir(async (dir) => {
      const stream = chunkStream(corpus(dir), discovery(dir), 150, () => false);
      // Reading and packing are promise callbacks: without a turn between chunks, every chunk would be
      // produced before this callback (an I/O event's stand-in) could run.
      const producedWhenIoRan = new Promise<number>((resolve) => setImmediate(() => resolve(stream.produced())));
      let count = 0;
      for await (const _chunk of stream.chunks) count++;
      expect(count).toBe(5);
      expect(await producedWhenIoRan).toBe(1);
    }));
});
