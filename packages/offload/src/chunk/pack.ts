import type { Piece } from './split-file.js';

/** What one reader call gets: whole small files packed together, or one piece of a large file. */
export interface Chunk {
  readonly pieces: readonly Piece[];
  readonly tokens: number;
}

/** Packs pieces as they come, as many as fit in `maxTokens` per chunk (a piece is never split here). */
export class Packer {
  readonly #maxTokens: number;
  #pieces: Piece[] = [];
  #tokens = 0;

  constructor(maxTokens: number) {
    this.#maxTokens = maxTokens;
  }

  /** Adds a piece; returns the chunk it closed when the piece did not fit beside the others. */
  add(piece: Piece): Chunk | undefined {
    let full: Chunk | undefined;
    if (this.#pieces.length > 0 && this.#tokens + piece.tokens > this.#maxTokens) full = this.flush();
    this.#pieces.push(piece);
    this.#tokens += piece.tokens;
    return full;
  }

  /** The chunk being filled, if it holds anything. */
  flush(): Chunk | undefined {
    if (this.#pieces.length === 0) return undefined;
    const chunk = { pieces: this.#pieces, tokens: this.#tokens };
    this.#pieces = [];
    this.#tokens = 0;
    return chunk;
  }
}

/** Packs pieces in order, as many as fit in `maxTokens` per chunk. */
export function packPieces(pieces: readonly Piece[], maxTokens: number): Chunk[] {
  const packer = new Packer(maxTokens);
  const chunks = pieces.map((p) => packer.add(p)).filter((c): c is Chunk => c !== undefined);
  const last = packer.flush();
  return last ? [...chunks, last] : chunks;
}
