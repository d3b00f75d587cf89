import { describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { parseArgs } from './parse-args.js';

const schema = z.strictObject({
  prompt: z.string().min(1),
  n: z.number().int().min(1).max(10).optional(),
  personas: z.array(z.string()).max(2).optional(),
  provider: z.enum(['openai', 'sim']).optional(),
});

describe('parseArgs', () => {
  test('returns the parsed arguments', () => {
    expect(parseArgs(schema, { prompt: 'hi', n: 3 }, 'swarm')).toEqual({ ok: true, value: { prompt: 'hi', n: 3 } });
  });

  test('puts every problem on one line, each naming its argument', () => {
    const parsed = parseArgs(schema, { n: 'ten', personas: ['a', 'b', 'c'], api_key: 'x' }, 'swarm');
    expect(parsed).toEqual({
      ok: false,
      message: 'invalid arguments: prompt: required; n: expected number, got "ten"; personas: at most 2 items; api_key: not an argument of swarm',
    });
  });

  test('words bounds, empty strings, integers and enums for a reader', () => {
    const message = (input: unknown) => (parseArgs(schema, input, 'swarm') as { message: string }).message;
    expect(message({ prompt: '' })).toBe('invalid arguments: prompt: must not be empty');
    expect(message({ prompt: 'x', n: 0 })).toBe('invalid arguments: n: must be ≥ 1');
    expect(message({ prompt: 'x', n: 11 })).toBe('invalid arguments: n: must be ≤ 10');
    expect(message({ prompt: 'x', n: 1.5 })).toMatch(/^invalid arguments: n: expected int/);
    expect(message({ prompt: 'x', provider: 'nope' })).toMatch(/^invalid arguments: provider: .*"openai"\|"sim"/);
    expect(message(undefined)).toBe('invalid arguments: prompt: required');
  });
});
