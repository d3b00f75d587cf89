import { splitFile, type Piece } from './chunk/split-file.js';
import { discover, type Corpus } from './discover/discover.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import type { OffloadOptions } from './types.js';

/** The corpus read and cut into pieces: what planning and running both start from. */
export interface Prepared {
  readonly options: ResolvedOptions;
  readonly corpus: Corpus;
  readonly pieces: readonly Piece[];
  /** Position of each file in the corpus (findings are ordered by it). */
  readonly fileOrder: ReadonlyMap<string, number>;
  readonly tokensRead: number;
}

export async function prepare(input: OffloadOptions): Promise<Prepared> {
  const options = resolveOptions(input);
  const corpus = await discover(options);
  const pieces = corpus.files.flatMap((f) => splitFile(f, options.chunkTokens));
  const fileOrder = new Map(corpus.files.map((f, i) => [f.path, i]));
  const tokensRead = corpus.files.reduce((sum, f) => sum + f.tokens, 0);
  return { options, corpus, pieces, fileOrder, tokensRead };
}
