import { nothingToRead, readCorpus, type DiscoverOptions } from '../discover/discover.js';
import type { SourceFile } from '../discover/read-file.js';
import type { SkippedFile } from '../types.js';
import { Packer, type Chunk } from './pack.js';
import { splitFile, type Piece } from './split-file.js';

/** The corpus as it streams past: filled in while `chunks` is iterated, complete once it ends. */
export interface ChunkStream {
  /** Chunks of the pieces that `isCached` says are not cached yet. Throws E_INPUT at the end when no file was readable. */
  readonly chunks: AsyncIterable<Chunk>;
  readonly files: SourceFile[];
  readonly skipped: SkippedFile[];
  /** Every piece, cached or not, in corpus order. */
  readonly pieces: Piece[];
  /** Chunks handed out so far. */
  readonly produced: () => number;
}

/**
 * Reads, splits and packs the corpus lazily, so that readers start on the first chunks while later
 * files are still being read; pieces found in the cache are left out of the chunks.
 */
export function chunkStream(wanted: readonly string[], options: DiscoverOptions, chunkTokens: number, isCached: (piece: Piece) => boolean): ChunkStream {
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  const pieces: Piece[] = [];
  let produced = 0;
  async function* chunks(): AsyncGenerator<Chunk> {
    const packer = new Packer(chunkTokens);
    for await (const entry of readCorpus(wanted, options)) {
      if (!('file' in entry)) {
        skipped.push(entry.skipped);
        continue;
      }
      files.push(entry.file);
      for (const piece of splitFile(entry.file, chunkTokens)) {
        pieces.push(piece);
        if (isCached(piece)) continue;
        const full = packer.add(piece);
        if (full) {
          produced++;
          yield full;
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
  return { chunks: chunks(), files, skipped, pieces, produced: () => produced };
}
