// OpenAI's byte-pair encodings (js-tiktoken's encoder and rank files), loaded on first use: a rank file
// is megabytes of JavaScript, so nothing loads it until a prompt for an OpenAI model is counted, and no
// CLI start or estimate of another model family pays for it. It is required through oracle's own
// package (not imported by name) so that a CLI bundle which inlines oracle leaves it out and finds it
// where oracle's dependencies are installed.
//
// js-tiktoken builds its tables by decoding every one of the 200,000 ranks to bytes up front (seconds on
// a busy laptop). Here its encoder gets tables keyed by the rank file's own base64 strings instead, the
// bytes of a piece being turned into base64 only when the encoder asks for them: the same encoder and
// results, built in a tenth of the time.
import { createRequire } from 'node:module';

export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Token ids for text and back. */
export interface Encoding {
  readonly name: EncodingName;
  encode(text: string): readonly number[];
  decode(ids: readonly number[]): string;
}

interface RankFile {
  readonly pat_str: string;
  readonly special_tokens: Record<string, number>;
  readonly bpe_ranks: string;
}

interface TiktokenEncoder {
  encode(text: string, allowed?: string[] | 'all', disallowed?: string[] | 'all'): number[];
  decode(ids: number[]): string;
}

interface TiktokenLite {
  Tiktoken: new (ranks: RankFile) => TiktokenEncoder;
}

// Texts repeat across the calls of a run (a persona's system prompt, a shared document): counted once.
const MEMO_ENTRIES = 2048;
// Byte sequences looked up, kept with their rank: bounded, as the ranks themselves are.
const LOOKED_KEYS = 400_000;

const loaded = new Map<EncodingName, Encoding>();

function dependency(): NodeJS.Require {
  const oracleRoot = createRequire(import.meta.url).resolve('@fanout/oracle/package.json');
  return createRequire(oracleRoot);
}

/** The rank file's tables: rank by base64 bytes, and base64 bytes by rank. */
function tables(ranks: RankFile): { rankOf: Map<string, number>; bytesOf: string[] } {
  const rankOf = new Map<string, number>();
  const bytesOf: string[] = [];
  for (const line of ranks.bpe_ranks.split('\n')) {
    if (line === '') continue;
    // `<name> <first rank> <base64 bytes>…`, ranks counting up from the first.
    const parts = line.split(' ');
    let rank = Number(parts[1]);
    for (let i = 2; i < parts.length; i++, rank++) {
      rankOf.set(parts[i]!, rank);
      bytesOf[rank] = parts[i]!;
    }
  }
  return { rankOf, bytesOf };
}

function build(name: EncodingName): Encoding {
  const require = dependency();
  const { Tiktoken } = require('js-tiktoken/lite') as TiktokenLite;
  const ranks = require(`js-tiktoken/ranks/${name}`) as RankFile | { default: RankFile };
  const file = 'bpe_ranks' in ranks ? ranks : ranks.default;
  const encoder = new Tiktoken({ ...file, bpe_ranks: '' });
  const internals = encoder as unknown as { rankMap?: unknown; textMap?: unknown };
  let tiktoken = encoder;
  if (internals.rankMap instanceof Map && internals.textMap instanceof Map) {
    const { rankOf, bytesOf } = tables(file);
    // The encoder looks pieces up as comma-joined byte values (the same words again and again: each
    // key is converted once), and decodes ranks to bytes.
    const looked = new Map<string, number | undefined>();
    internals.rankMap = {
      get(key: string): number | undefined {
        if (looked.has(key)) return looked.get(key);
        const values = key.split(',');
        const bytes = Buffer.allocUnsafe(values.length);
        for (let i = 0; i < values.length; i++) bytes[i] = Number(values[i]);
        const rank = rankOf.get(bytes.toString('base64'));
        if (looked.size >= LOOKED_KEYS) looked.clear();
        looked.set(key, rank);
        return rank;
      },
    };
    internals.textMap = {
      get(rank: number): Uint8Array | undefined {
        const base64 = bytesOf[rank];
        return base64 === undefined ? undefined : Buffer.from(base64, 'base64');
      },
    };
  } else {
    // Another js-tiktoken inside: its own (slower) tables.
    tiktoken = new Tiktoken(file);
  }
  const memo = new Map<string, readonly number[]>();
  return {
    name,
    encode(text: string): readonly number[] {
      let ids = memo.get(text);
      if (ids === undefined) {
        // Special-token text in a prompt is text to the API: count it as text, never refuse it.
        ids = tiktoken.encode(text, [], []);
        if (memo.size >= MEMO_ENTRIES) memo.clear();
        memo.set(text, ids);
      }
      return ids;
    },
    decode: (ids) => tiktoken.decode([...ids]),
  };
}

/** The encoding, built on first use and kept for the process. */
export function loadEncoding(name: EncodingName): Encoding {
  let encoding = loaded.get(name);
  if (!encoding) {
    encoding = build(name);
    loaded.set(name, encoding);
  }
  return encoding;
}
