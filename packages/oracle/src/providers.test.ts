import { describe, expect, test } from '@jest/globals';
import { OracleError } from './errors.js';
import { resolveProvider } from './providers.js';

describe('resolveProvider', () => {
  test('defaults to openai when OPENAI_API_KEY is set', () => {
    const p = resolveProvider({ env: { OPENAI_API_KEY: 'sk-x' } });
    expect({ ...p, apiKey: p.apiKey }).toEqual({
      name: 'openai',
      baseURL: 'https://api.openai.com/v1',
      apiKey: 'sk-x',
      model: 'gpt-4o-mini',
      keyVar: 'OPENAI_API_KEY',
    });
  });

  test('the key is not enumerable: logging or serialising the provider leaves it out', async () => {
    const p = resolveProvider({ env: { OPENAI_API_KEY: 'sk-hidden-1234' } });
    const { inspect } = await import('node:util');
    expect(JSON.stringify(p)).not.toContain('sk-hidden');
    expect(inspect(p)).not.toContain('sk-hidden');
    expect(p.apiKey).toBe('sk-hidden-1234');
  });

  test('with no key and no base URL, says what to set and mentions --provider sim', () => {
    expect(() => resolveProvider({ env: {} })).toThrow(
      expect.objectContaining({
        code: 'NO_CREDENTIALS',
        message: 'Set OPENAI_API_KEY (or pass --provider/--base-url); to try offline use --provider sim',
      }),
    );
  });

  test('each provider reads its own variable and has its own URL', () => {
    const env = { OPENROUTER_API_KEY: 'or', ANTHROPIC_API_KEY: 'an', GEMINI_API_KEY: 'ge', OPENAI_API_KEY: 'oa' };
    expect(resolveProvider({ provider: 'openrouter', env })).toMatchObject({
      baseURL: 'https://openrouter.ai/api/v1',
      apiKey: 'or',
      keyVar: 'OPENROUTER_API_KEY',
    });
    expect(resolveProvider({ provider: 'anthropic', env })).toMatchObject({ baseURL: 'https://api.anthropic.com/v1/', apiKey: 'an' });
    expect(resolveProvider({ provider: 'gemini', env })).toMatchObject({ baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai/', apiKey: 'ge' });
    expect(resolveProvider({ provider: 'ollama', env })).toMatchObject({ baseURL: 'http://127.0.0.1:11434/v1', apiKey: undefined, keyVar: undefined });
    expect(resolveProvider({ provider: 'sim', env })).toMatchObject({ name: 'sim', baseURL: undefined, apiKey: undefined, model: 'sim-1' });
  });

  test('a provider without its key fails, naming the variable', () => {
    expect(() => resolveProvider({ provider: 'gemini', env: { OPENAI_API_KEY: 'oa' } })).toThrow(/Set GEMINI_API_KEY for --provider gemini/);
  });

  test('--base-url needs no key; OPENAI_BASE_URL applies to openai only', () => {
    expect(resolveProvider({ baseURL: 'http://127.0.0.1:9/v1', env: {} })).toMatchObject({
      name: 'openai',
      baseURL: 'http://127.0.0.1:9/v1',
      apiKey: undefined,
    });
    expect(resolveProvider({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:8/v1' } })).toMatchObject({ name: 'openai', baseURL: 'http://127.0.0.1:8/v1' });
    expect(resolveProvider({ provider: 'ollama', env: { OPENAI_BASE_URL: 'http://127.0.0.1:8/v1' } }).baseURL).toBe('http://127.0.0.1:11434/v1');
  });

  test('model: option, then FANOUT_MODEL (not for sim), then the provider default', () => {
    const env = { OPENAI_API_KEY: 'k', FANOUT_MODEL: 'gpt-x' };
    expect(resolveProvider({ env }).model).toBe('gpt-x');
    expect(resolveProvider({ env, model: 'gpt-y' }).model).toBe('gpt-y');
    expect(resolveProvider({ env, provider: 'sim' }).model).toBe('sim-1');
  });

  test('rejects unknown providers and non-http URLs with the option named', () => {
    expect(() => resolveProvider({ provider: 'azure', env: {} })).toThrow(/unknown provider "azure"; expected one of openai, openrouter/);
    expect(() => resolveProvider({ baseURL: 'ftp://x', env: {} })).toThrow(OracleError);
    expect(() => resolveProvider({ baseURL: 'ftp://x', env: {} })).toThrow(/--base-url/);
  });
});
