// A model of a provider's automatic prompt cache, for estimates: a prompt whose first K tokens were
// sent before (same model) has K tokens read from the cache, K counted in blocks from a minimum (OpenAI:
// 1024 tokens, then steps of 128). Tokens are counted as the estimate counts them (the model's
// tokenizer, or 4 characters per token), and the first request of a prefix always misses, so the model
// is deterministic. Real caches are best effort (they expire, and simultaneous first requests may all
// miss): an estimate, not a promise.
import type { ChatMessage } from '../types.js';
import type { CacheRule } from './price-table.js';
import { tokenCounter, type TokenCounter } from './tokenizer.js';
import { textMessages } from './tokens.js';

// Bounded like a real cache; cleared whole when full (an estimate over that many prefixes is rough anyway).
const MAX_KEYS = 1_000_000;

/** FNV-1a over two lanes: a 52-bit key, cheap to update a character at a time. */
class PrefixHash {
  #a = 0x811c9dc5;
  #b = 0x01000193;

  update(text: string, from = 0, to = text.length): void {
    let a = this.#a;
    let b = this.#b;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 16777619);
      b = Math.imul(b ^ c, 2246822519);
    }
    this.#a = a;
    this.#b = b;
  }

  digest(): number {
    return (this.#a >>> 0) * 1048576 + ((this.#b >>> 0) & 0xfffff);
  }
}

export class PrefixCacheModel {
  readonly #rule: CacheRule;
  readonly #seen = new Set<number>();

  constructor(rule: CacheRule) {
    this.#rule = rule;
  }

  /** Tokens of this prompt the cache would serve; the prompt's prefixes are remembered for later calls. */
  observe(model: string, messages: readonly ChatMessage[], counter: TokenCounter = tokenCounter(model)): number {
    const { units, perToken, marks } = counter.cacheUnits(textMessages(messages));
    const { min_tokens: min, block_tokens: block } = this.#rule;
    if (units.length < min * perToken) return 0;
    // A key at every block boundary: the model, then the prompt up to it (with the roles that start before it).
    const keys: number[] = [];
    const hash = new PrefixHash();
    hash.update(model);
    let hashed = 0;
    let mark = 0;
    for (let boundary = min * perToken; boundary <= units.length; boundary += block * perToken) {
      for (; mark < marks.length && marks[mark]!.at < boundary; mark++) {
        hash.update(units, hashed, marks[mark]!.at);
        hashed = marks[mark]!.at;
        hash.update(`\u0000${marks[mark]!.text}\u0000`);
      }
      hash.update(units, hashed, boundary);
      hashed = boundary;
      keys.push(hash.digest());
    }
    let cached = 0;
    keys.forEach((key, i) => {
      if (this.#seen.has(key)) cached = min + i * block;
    });
    if (this.#seen.size + keys.length > MAX_KEYS) this.#seen.clear();
    for (const key of keys) this.#seen.add(key);
    return cached;
  }
}
