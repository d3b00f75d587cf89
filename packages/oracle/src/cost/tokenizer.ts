// How a model's tokens are counted before a call. OpenAI's model families have a published tokenizer
// (o200k_base for GPT-4o, GPT-4.1, GPT-5 and the o-series; cl100k_base for GPT-4 and GPT-3.5), which is
// what their API bills: prompts for those are counted with it, chat framing included. No tokenizer of
// Claude's or Gemini's ships with an npm package, so every other model is counted at 4 characters per
// token, the rule of thumb OpenAI gives for English text (code and other languages run higher).
import { loadEncoding, type Encoding, type EncodingName } from './bpe.js';
import { CHARS_PER_TOKEN } from './tokens.js';

/** What estimates say for a model counted without a tokenizer. */
export const APPROXIMATION = 'chars/4 approximation';

/** A message as it is counted: its role and the text of its content. */
export interface TextMessage {
  readonly role: string;
  readonly content: string;
}

/** Counts one model family's tokens. */
export interface TokenCounter {
  /** How: an encoding's name (`o200k_base`), or `chars/4 approximation`. */
  readonly method: string;
  /** Prompt tokens of a request, as the API bills them. */
  prompt(messages: readonly TextMessage[]): number;
  /** Tokens of a text on its own (an answer). */
  count(text: string): number;
  /** A text of `tokens` tokens, standing in for an answer not yet written. */
  filler(tokens: number): string;
  /**
   * The prompt as a prompt cache sees it: `units` is a string whose first `perToken × K` characters
   * are the prompt's first K tokens, and `marks` the role boundaries hashed beside them (at a unit
   * offset, taking no units).
   */
  cacheUnits(messages: readonly TextMessage[]): { units: string; perToken: number; marks: readonly { at: number; text: string }[] };
}

/** A tokenizer's counter with the ids themselves, as llm-sim takes it (its `tokenizer` option). */
export interface EncodingCounter extends TokenCounter {
  /** The prompt's ids, one per billed token: the chat framing's too. */
  promptIds(messages: readonly TextMessage[]): readonly number[];
  encode(text: string): readonly number[];
  decode(ids: readonly number[]): string;
}

/** The tokenizer OpenAI's models of this name use; undefined for other families. */
export function encodingFor(model: string): EncodingName | undefined {
  // `openai/gpt-4o` through a gateway, `ft:gpt-4o-mini:org::id` for a fine-tune.
  const name = model.toLowerCase().replace(/^openai\//, '').replace(/^ft:/, '');
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|chatgpt-4o|o[1-9](-|$))/.test(name)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|gpt-35|text-embedding-3|text-embedding-ada-002)/.test(name)) return 'cl100k_base';
  return undefined;
}

const approximate: TokenCounter = {
  method: APPROXIMATION,
  prompt(messages) {
    let chars = 0;
    for (const message of messages) chars += message.content.length;
    return Math.ceil(chars / CHARS_PER_TOKEN);
  },
  count: (text) => Math.ceil(text.length / CHARS_PER_TOKEN),
  filler: (tokens) => 'x'.repeat(tokens * CHARS_PER_TOKEN),
  cacheUnits(messages) {
    let units = '';
    const marks: { at: number; text: string }[] = [];
    for (const message of messages) {
      marks.push({ at: units.length, text: message.role });
      units += message.content;
    }
    return { units, perToken: CHARS_PER_TOKEN, marks };
  },
};

// OpenAI's chat format around each message: `<|start|>{role}<|message|>{content}<|end|>`, and the
// answer primed with `<|start|>assistant<|message|>`: 3 tokens per message plus its role's, 3 per
// request (OpenAI's cookbook count). The framing tokens are stood in for by ids past the vocabulary.
const START = 0x3ffff0;
const MESSAGE = 0x3ffff1;
const END = 0x3ffff2;
const ASSISTANT = 0x3ffff3;

function encodingCounter(encoding: Encoding): EncodingCounter {
  const promptIds = (messages: readonly TextMessage[]): number[] => {
    const ids: number[] = [];
    for (const message of messages) {
      ids.push(START, ...encoding.encode(message.role), MESSAGE);
      for (const id of encoding.encode(message.content)) ids.push(id);
      ids.push(END);
    }
    ids.push(START, ASSISTANT, MESSAGE);
    return ids;
  };
  return {
    method: encoding.name,
    promptIds,
    encode: (text) => encoding.encode(text),
    decode: (ids) => encoding.decode(ids),
    prompt(messages) {
      let tokens = 3;
      for (const message of messages) tokens += 3 + encoding.encode(message.role).length + encoding.encode(message.content).length;
      return tokens;
    },
    count: (text) => encoding.encode(text).length,
    // " x" is one token in both encodings, and a run of them never merges.
    filler: (tokens) => ' x'.repeat(tokens),
    cacheUnits(messages) {
      // Two UTF-16 units per id (ids pass 65,535), so a prefix of K tokens is the first 2K units.
      let units = '';
      for (const id of promptIds(messages)) units += String.fromCharCode(id & 0xffff, id >>> 16);
      return { units, perToken: 2, marks: [] };
    },
  };
}

/** The counter of `model`: its family's tokenizer (loaded on first use), or the approximation. */
export function tokenCounter(model: string): TokenCounter {
  return tokenizerFor(model) ?? approximate;
}

const counters = new Map<EncodingName, EncodingCounter>();

/** The real tokenizer of `model`, or undefined when its family has none here (llm-sim's `tokenizer` option). */
export function tokenizerFor(model: string): EncodingCounter | undefined {
  const name = encodingFor(model);
  if (name === undefined) return undefined;
  let counter = counters.get(name);
  if (!counter) {
    counter = encodingCounter(loadEncoding(name));
    counters.set(name, counter);
  }
  return counter;
}
