import { nothingToRead, readCorpus, type DiscoverOptions } from '../discover/discover.js';
import type { SourceFile } from '../discover/read-file.js';
import type { SkippedFile } from '../types.js';
import { Packer, type Chunk } from './pack.js';
import { splitFile, type Piece } from './split-file.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A file as the run remembers it once read: its text is not kept (see ChunkStream). */
export type ReadFile = Omit<SourceFile, 'text'>;

/**
 * The corpus as it streams past: filled in while `chunks` is iterated, complete once it ends. No
 * file text is kept beyond the chunk that carries it, so a run holds what is in flight, not the
 * whole corpus.
 */
export interface ChunkStream {
  /** Chunks of the pieces that `isCached` says are not cached yet. Throws E_INPUT at the end when no file was readable. */
  readonly chunks: AsyncIterable<Chunk>;
  readonly files: ReadFile[];
  readonly skipped: SkippedFile[];
  /** Pieces seen so far, cached or not (`isCached` numbers them from 0 in corpus order). */
  readonly pieces: () => number;
  /** Chunks handed out so far. */
  readonly produced: () => number;
}

/**
 * Reads, splits and packs the corpus lazily, so that readers start on the first chunks while later
 * files are still being read; pieces found in the cache are left out of the chunks. `isCached` is
 * told every piece with its index in corpus order.
 */
export function chunkStream(
  wanted: Iterable<string>,
  options: DiscoverOptions,
  chunkTokens: number,
  isCached: (piece: Piece, index: number) => boolean,
): ChunkStream {
  const files: ReadFile[] = [];
  const skipped: SkippedFile[] = [];
  let pieces = 0;
  let produced = 0;
  async function* chunks(): AsyncGenerator<Chunk> {
    const packer = new Packer(chunkTokens);
    for await (const entry of readCorpus(wanted, options)) {
      if (!('file' in entry)) {
        skipped.push(entry.skipped);
        continue;
      }
      const { path, bytes, tokens } = entry.file;
      files.push({ path, bytes, tokens });
      for (const piece of splitFile(entry.file, chunkTokens)) {
        if (isCached(piece, pieces++)) continue;
        const full = packer.add(piece);
        if (full) {
          produced++;
          yield full;
          // Reading and packing run in promise callbacks, which the event loop drains before any
          // I/O: without a turn of the loop here, a pool of 50 would prepare 50 chunks before the
          // first connection even opens, and send them all at once.
          await nextTurn();
        }
      }
    }
    if (files.length === 0) throw nothingToRead(skipped);
    const last = packer.flush();
    if (last) {
      produced++;
      yield last;
    }
  }
  return { chunks: chunks(), files, skipped, pieces: () => pieces, produced: () => produced };
}
