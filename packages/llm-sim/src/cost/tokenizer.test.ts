// The `tokenizer` option over real HTTP: usage, `max_tokens` and the prompt cache count a model's
// tokens with the tokenizer given for it, other models at 4 characters per token. A tokenizer of
// one token per character stands in for a real one (oracle's tests run its real encodings here).
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim } from '../server.js';
import { post } from '../test-helpers/http.js';
import type { SimServer, SimTokenizer } from '../types.js';

const START = -1;
const MESSAGE = -2;
const END = -3;

// `<start>role<message>content<end>` per message, then `<start>assistant<message>`: every character one token.
const perCharacter: SimTokenizer = {
  promptIds: (messages) => [
    ...messages.flatMap((m) => [START, ...[...m.role].map((c) => c.charCodeAt(0)), MESSAGE, ...[...m.content].map((c) => c.charCodeAt(0)), END]),
    START,
    ...[...'assistant'].map((c) => c.charCodeAt(0)),
    MESSAGE,
  ],
  encode: (text) => [...text].map((c) => c.charCodeAt(0)),
  decode: (ids) => String.fromCharCode(...ids),
};

const SYSTEM = 'Review the migration. '.repeat(228).slice(0, 5000);
const ANSWER = 'An answer of forty characters, exactly!!';

interface Completion {
  choices: { message: { content: string }; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; prompt_tokens_details: { cached_tokens: number } };
}

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ models: ['gpt-test', 'sim-1'], rules: [{ reply: ANSWER }], tokenizer: (model) => (model === 'gpt-test' ? perCharacter : undefined) });
});
afterEach(() => sim.setOptions({ promptCache: {} }));
afterAll(() => sim.close());

async function complete(model: string, user: string, extra: Record<string, unknown> = {}): Promise<Completion> {
  const response = await post(sim, { model, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }], ...extra });
  expect(response.status).toBe(200);
  return (await response.json()) as Completion;
}

describe('tokenizer option', () => {
  test('prompt and answer tokens are the tokenizer’s for its models, characters / 4 for the others', async () => {
    const counted = await complete('gpt-test', 'Is it safe?');
    // 3 framing tokens per message plus its role, 3 more for the answer's start ("assistant": 9).
    expect(counted.usage.prompt_tokens).toBe(3 + 6 + SYSTEM.length + 3 + 4 + 'Is it safe?'.length + 2 + 9);
    expect(counted.usage.completion_tokens).toBe(ANSWER.length);
    const other = await complete('sim-1', 'Is it safe?');
    expect(other.usage.prompt_tokens).toBe(Math.ceil((SYSTEM.length + 'Is it safe?'.length) / 4));
    expect(other.usage.completion_tokens).toBe(ANSWER.length / 4);
  });

  test('max_tokens cuts the answer at that many of the tokenizer’s tokens', async () => {
    const cut = await complete('gpt-test', 'Short, please.', { max_tokens: 7 });
    expect(cut.choices[0]!.message.content).toBe(ANSWER.slice(0, 7));
    expect(cut.choices[0]!.finish_reason).toBe('length');
    expect(cut.usage.completion_tokens).toBe(7);
  });

  test('the prompt cache counts its blocks in the tokenizer’s tokens, framing included', async () => {
    expect((await complete('gpt-test', 'First question?')).usage.prompt_tokens_details.cached_tokens).toBe(0);
    // Shared: the system message (1 + 6 + 1 + 5,000 + 1 tokens) and the user message's framing (1 + 4 + 1):
    // 5,015 tokens, whose last block boundary is 1,024 + 31 × 128.
    expect((await complete('gpt-test', 'Second question?')).usage.prompt_tokens_details.cached_tokens).toBe(4992);
    // At 4 characters per token the shared 5,000 characters are 1,250 tokens: 1,152 cached.
    await complete('sim-1', 'First question?');
    expect((await complete('sim-1', 'Second question?')).usage.prompt_tokens_details.cached_tokens).toBe(1152);
  });

  test('a tokenizer that is not a function is refused, naming the option', () => {
    expect(() => sim.setOptions({ tokenizer: 'o200k_base' as never })).toThrow(/`tokenizer`/);
  });
});
