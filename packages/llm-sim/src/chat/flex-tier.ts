// OpenAI's flex processing (`service_tier: "flex"`): slower answers, and now and then a 429
// "Resource Unavailable" that is not a rate limit (no rate-limit headers, not charged).
import type { SimState } from '../state.js';

export const FLEX_UNAVAILABLE =
  'Resource Unavailable: flex processing has no capacity for this request right now. Retry later, or without service_tier "flex".';
export const FLEX_UNAVAILABLE_CODE = 'resource_unavailable';

/** The `service_tier` a chat body asks for, when it names one. */
export function serviceTier(body: unknown): string | undefined {
  const tier = (body as { service_tier?: unknown } | null)?.service_tier;
  return typeof tier === 'string' ? tier : undefined;
}

/** Whether this flex request is turned away for lack of capacity (drawn from the sim's seeded flex stream). */
export function flexUnavailable(sim: SimState): boolean {
  return sim.flexUnavailableRate > 0 && sim.flexRandom() < sim.flexUnavailableRate;
}
