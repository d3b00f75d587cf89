// A deterministic prefix cache, like OpenAI's automatic prompt caching: a prompt whose first K tokens
// (K from `minTokens`, in steps of `blockTokens`) were sent before to the same model has K cached
// tokens. Tokens are counted as the simulator bills them (the model's tokenizer, else characters / 4
// over the messages' text); a prefix is remembered when its first request is admitted, so of several
// identical requests sent at once exactly the first misses, whatever the timing.
import { Hash53 } from '../hash.js';
import { contentText, type ChatRequest } from '../chat/parse-request.js';
import { promptIds } from '../tokens.js';
import type { SimTokenizer } from '../types.js';

export interface PromptCacheOptions {
  /** Shortest prefix that is cached, in tokens. @default 1024 */
  readonly minTokens?: number;
  /** Cached prefixes grow in steps of this many tokens. @default 128 */
  readonly blockTokens?: number;
}

const CHARS = 4;
// Remembered prefixes; the cache is emptied when it would hold more (a real one evicts too).
const MAX_PREFIXES = 1_000_000;

export class PromptCache {
  readonly #min: number;
  readonly #block: number;
  readonly #prefixes = new Set<number>();

  constructor(options: PromptCacheOptions) {
    this.#min = options.minTokens ?? 1024;
    this.#block = options.blockTokens ?? 128;
  }

  /** Cached tokens of this request's prompt; its prefixes are remembered for the requests after it. */
  take(request: ChatRequest, tokenizer?: SimTokenizer): number {
    const keys = tokenizer ? this.#tokenKeys(request, tokenizer) : this.#charKeys(request);
    let hit = -1;
    for (let i = 0; i < keys.length; i++) if (this.#prefixes.has(keys[i]!)) hit = i;
    if (this.#prefixes.size + keys.length > MAX_PREFIXES) this.#prefixes.clear();
    for (const key of keys) this.#prefixes.add(key);
    return hit < 0 ? 0 : this.#min + hit * this.#block;
  }

  /** Keys at every block boundary: the model, then each message's role and text up to the boundary. */
  #charKeys(request: ChatRequest): number[] {
    const keys: number[] = [];
    if (request.promptChars < this.#min * CHARS) return keys;
    const hash = new Hash53().update(request.model);
    let next = this.#min * CHARS;
    let before = 0;
    for (const message of request.messages) {
      const m = message as { role?: unknown; content?: unknown };
      hash.update(`role:${String(m.role)}`);
      const text = contentText(m.content);
      let from = 0;
      for (; next <= before + text.length; next += this.#block * CHARS) {
        hash.update(text.slice(from, next - before));
        from = next - before;
        keys.push(hash.digest());
      }
      hash.update(text.slice(from));
      before += text.length;
    }
    return keys;
  }

  /** Keys at every block boundary: the model, then the prompt's token ids (chat framing included) up to it. */
  #tokenKeys(request: ChatRequest, tokenizer: SimTokenizer): number[] {
    const ids = promptIds(request, tokenizer);
    const keys: number[] = [];
    const hash = new Hash53().update(request.model);
    let from = 0;
    for (let next = this.#min; next <= ids.length; next += this.#block) {
      let chunk = '';
      for (let i = from; i < next; i++) chunk += String.fromCharCode(ids[i]! & 0xffff, ids[i]! >>> 16);
      hash.update(chunk);
      from = next;
      keys.push(hash.digest());
    }
    return keys;
  }

  clear(): void {
    this.#prefixes.clear();
  }
}
