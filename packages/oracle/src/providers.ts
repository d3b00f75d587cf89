import { OracleError } from './errors.js';
import { PROVIDER_NAMES, type ProviderName } from './provider-names.js';

interface ProviderSpec {
  /** OpenAI-compatible base URL; undefined for `sim` (started in-process on first use). */
  readonly baseURL: string | undefined;
  /** Environment variable holding the key; undefined when the provider needs none. */
  readonly keyVar: string | undefined;
  readonly defaultModel: string;
}

/** Built-in providers: where they live, which variable holds the key, and a sensible default model. */
export const PROVIDERS: Readonly<Record<ProviderName, ProviderSpec>> = {
  openai: { baseURL: 'https://api.openai.com/v1', keyVar: 'OPENAI_API_KEY', defaultModel: 'gpt-4o-mini' },
  openrouter: { baseURL: 'https://openrouter.ai/api/v1', keyVar: 'OPENROUTER_API_KEY', defaultModel: 'openai/gpt-4o-mini' },
  ollama: { baseURL: 'http://127.0.0.1:11434/v1', keyVar: undefined, defaultModel: 'llama3.2' },
  anthropic: { baseURL: 'https://api.anthropic.com/v1/', keyVar: 'ANTHROPIC_API_KEY', defaultModel: 'claude-haiku-4-5' },
  gemini: {
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai/',
    keyVar: 'GEMINI_API_KEY',
    defaultModel: 'gemini-2.5-flash',
  },
  sim: { baseURL: undefined, keyVar: undefined, defaultModel: 'sim-1' },
};

export interface ResolveProviderOptions {
  /** One of PROVIDER_NAMES; default: `openai` when a base URL or OPENAI_API_KEY is available. */
  readonly provider?: string | undefined;
  /** Overrides the provider's URL (`--base-url`); `OPENAI_BASE_URL` applies to `openai` only. */
  readonly baseURL?: string | undefined;
  /** Default model for requests that name none (`--model`); else FANOUT_MODEL (not for `sim`), else the provider's default. */
  readonly model?: string | undefined;
  /** Where keys and defaults are read from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface ResolvedProvider {
  readonly name: ProviderName;
  /** Undefined only for `sim` without a base URL: the client starts llm-sim in-process. */
  readonly baseURL: string | undefined;
  /** Not enumerable, so logging or serialising the provider does not print it. */
  readonly apiKey: string | undefined;
  readonly model: string;
  /** The variable the key was read from (named in 401 errors); undefined when none applies. */
  readonly keyVar: string | undefined;
}

function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

function checkURL(url: string, from: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new OracleError('USAGE', `${from}: expected an http(s) URL, got "${url}"`);
  }
  return url;
}

/** Decides provider, base URL, key and default model from options and the environment. Never logs the key. */
export function resolveProvider(options: ResolveProviderOptions = {}): ResolvedProvider {
  const env = options.env ?? process.env;
  const envBase = env['OPENAI_BASE_URL'] || undefined;
  let name: ProviderName;
  if (options.provider !== undefined) {
    if (!isProviderName(options.provider)) {
      throw new OracleError('UNKNOWN_PROVIDER', `unknown provider "${options.provider}"; expected one of ${PROVIDER_NAMES.join(', ')}`);
    }
    name = options.provider;
  } else if (options.baseURL || envBase || env['OPENAI_API_KEY']) {
    name = 'openai';
  } else {
    throw new OracleError(
      'NO_CREDENTIALS',
      'Set OPENAI_API_KEY (or pass --provider/--base-url); to try offline use --provider sim',
    );
  }
  const spec = PROVIDERS[name];
  const baseURL = options.baseURL
    ? checkURL(options.baseURL, '--base-url')
    : name === 'openai' && envBase
      ? checkURL(envBase, 'OPENAI_BASE_URL')
      : spec.baseURL;
  const apiKey = spec.keyVar ? env[spec.keyVar] || undefined : undefined;
  // A custom base URL may be a local server that needs no key; the provider's own URL always does.
  if (spec.keyVar && !apiKey && baseURL === spec.baseURL) {
    throw new OracleError(
      'NO_CREDENTIALS',
      `Set ${spec.keyVar} for --provider ${name} (or pass --base-url); to try offline use --provider sim`,
    );
  }
  // sim serves its own model names; a FANOUT_MODEL meant for a real provider would only 404 there.
  const model = options.model || (name === 'sim' ? undefined : env['FANOUT_MODEL']) || spec.defaultModel;
  return resolvedProvider({ name, baseURL, apiKey, model, keyVar: spec.keyVar });
}

/**
 * A ResolvedProvider whose `apiKey` is not enumerable: `console.log(client.provider)`,
 * `JSON.stringify` and object spreads leave the key out.
 */
export function resolvedProvider(fields: ResolvedProvider): ResolvedProvider {
  const { apiKey, ...visible } = fields;
  return Object.defineProperty({ ...visible }, 'apiKey', { value: apiKey, enumerable: false }) as ResolvedProvider;
}
