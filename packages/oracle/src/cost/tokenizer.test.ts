// The tokenizers against known ids: cl100k_base's from tiktoken's own tests (openai/tiktoken,
// tests/test_encoding.py), o200k_base's from js-tiktoken's stock encoder (tiktoken publishes no o200k
// vectors), and the chat framing as OpenAI's cookbook counts it.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadEncoding } from './bpe.js';
import { APPROXIMATION, encodingFor, tokenCounter, tokenizerFor } from './tokenizer.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe('encodings', () => {
  test("cl100k_base encodes tiktoken's test vectors", () => {
    const cl100k = loadEncoding('cl100k_base');
    const vectors: [string, number[]][] = [
      ['hello world', [15339, 1917]],
      ['rer', [38149]],
      ["'rer", [2351, 81]],
      ['today\n ', [31213, 198, 220]],
      ['today\n \n', [31213, 27907]],
      ['today\n  \n', [31213, 14211]],
      ['👍', [9468, 239, 235]],
    ];
    for (const [text, ids] of vectors) expect([text, cl100k.encode(text)]).toEqual([text, ids]);
    // One vector of that file differs in JavaScript, stock js-tiktoken too: JS's \s leaves out U+0085,
    // so " \x850" is [2188, 227, 15] here, not tiktoken's [220, 126, 227, 15]. A known edge, one token.
    expect(cl100k.encode(' \x850')).toEqual([2188, 227, 15]);
    expect(cl100k.decode([15339, 1917])).toBe('hello world');
    // Special-token text in a prompt is counted as text, not refused.
    expect(cl100k.encode('hello <|endoftext|>').length).toBeGreaterThan(2);
  });

  test("o200k_base gives js-tiktoken's own ids, on a short text and on a whole document", () => {
    const o200k = loadEncoding('o200k_base');
    expect(o200k.encode('hello world')).toEqual([24912, 2375]);
    const text = readFileSync(path.join(ROOT, 'README.md'), 'utf8').slice(0, 6000);
    // The stock encoder, tables built the slow way, from the same package oracle loads it from.
    const require = createRequire(path.join(ROOT, 'packages/oracle/package.json'));
    const { Tiktoken } = require('js-tiktoken/lite') as { Tiktoken: new (r: unknown) => { encode(t: string): number[] } };
    const stock = new Tiktoken(require('js-tiktoken/ranks/o200k_base'));
    const ids = o200k.encode(text);
    expect(ids).toEqual(stock.encode(text));
    expect(o200k.decode(ids)).toBe(text);
  }, 60_000);
});

describe('token counters', () => {
  test('model names map to their family’s encoding; other families have none', () => {
    const names = ['gpt-5.4-nano', 'gpt-5', 'gpt-4.1-mini', 'gpt-4o-mini-2024-07-18', 'o3', 'o4-mini', 'openai/gpt-4o'];
    names.push('gpt-4', 'gpt-3.5-turbo', 'gpt-4-turbo');
    expect(names.map(encodingFor)).toEqual([...Array(7).fill('o200k_base'), 'cl100k_base', 'cl100k_base', 'cl100k_base']);
    for (const other of ['claude-haiku-4-5', 'gemini-2.5-flash', 'sim-1', 'llama3', 'omni']) {
      expect(encodingFor(other)).toBeUndefined();
      expect(tokenCounter(other).method).toBe(APPROXIMATION);
    }
  });

  test('a chat prompt costs 3 tokens per message plus its role and content, and 3 to prime the answer', () => {
    const counter = tokenizerFor('gpt-4o-mini')!;
    expect(counter.method).toBe('o200k_base');
    const messages = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'hello world' },
    ];
    const content = counter.count('You are terse.') + counter.count('hello world');
    expect(counter.prompt(messages)).toBe(3 + 2 * (3 + 1) + content);
    expect(counter.promptIds(messages)).toHaveLength(counter.prompt(messages));
    // The cache sees two units per token, so its prefixes end on token boundaries.
    expect(counter.cacheUnits(messages).units).toHaveLength(2 * counter.prompt(messages));
  });

  test('a filler of N tokens is N tokens in both encodings and at 4 characters per token', () => {
    for (const model of ['gpt-4o', 'gpt-4', 'claude-sonnet-4-6']) {
      const counter = tokenCounter(model);
      expect([model, counter.count(counter.filler(300))]).toEqual([model, 300]);
    }
  });

  test('js-tiktoken is loaded only when a prompt for an OpenAI model is counted', () => {
    // The built package in a fresh process: what a CLI run does.
    const script = `
      const { createRequire } = await import('node:module');
      const cache = createRequire(import.meta.url)('module')._cache;
      const loaded = () => Object.keys(cache).some((file) => file.includes('js-tiktoken'));
      const { tokenCounter } = await import('@fanout/oracle/cost');
      const before = loaded();
      tokenCounter('claude-haiku-4-5').prompt([{ role: 'user', content: 'hi' }]);
      const other = loaded();
      tokenCounter('gpt-4o').prompt([{ role: 'user', content: 'hi' }]);
      console.log(JSON.stringify([before, other, loaded()]));`;
    const cwd = path.join(ROOT, 'packages/swarm');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([false, false, true]);
  }, 60_000);
});
