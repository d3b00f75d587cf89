// The provider names alone, without their URLs or key lookup: CLIs list them in `--help` and must
// not load anything else to do it.

export type ProviderName = 'openai' | 'openrouter' | 'ollama' | 'anthropic' | 'gemini' | 'sim';

export const PROVIDER_NAMES: readonly ProviderName[] = ['openai', 'openrouter', 'ollama', 'anthropic', 'gemini', 'sim'];
