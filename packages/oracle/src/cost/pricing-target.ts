import { PROVIDERS, resolveProvider, type ResolveProviderOptions } from '../providers.js';
import type { ProviderName } from '../provider-names.js';

/**
 * The provider and default model a run would use, for pricing it without calling anything: an
 * estimate needs no key, so a missing one falls back to the provider named (or openai) and its model.
 */
export function pricingTarget(options: ResolveProviderOptions): { provider: ProviderName; model: string } {
  try {
    const resolved = resolveProvider(options);
    return { provider: resolved.name, model: resolved.model };
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'NO_CREDENTIALS') throw error;
    const provider = (options.provider ?? 'openai') as ProviderName;
    const env = options.env ?? process.env;
    return { provider, model: options.model || (provider === 'sim' ? undefined : env['FANOUT_MODEL']) || PROVIDERS[provider].defaultModel };
  }
}
