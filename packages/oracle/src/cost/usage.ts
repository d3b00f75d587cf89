// Token usage as providers report it. OpenAI counts cached prompt tokens inside `prompt_tokens`
// (`prompt_tokens_details.cached_tokens`); Anthropic's own API reports `cache_read_input_tokens` and
// `cache_creation_input_tokens` beside an `input_tokens` that excludes them, and gateways pass
// either shape through the OpenAI format; Gemini's `usageMetadata` counts its cached tokens inside
// `promptTokenCount` and its thinking apart from the answer. Everything is normalised to OpenAI's
// meaning here.
import type { Usage } from '../types.js';

export const NO_USAGE: Usage = { prompt_tokens: 0, completion_tokens: 0 };

type Raw = Readonly<Record<string, unknown>> | null | undefined;

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

function nested(raw: Raw, field: string, key: string): number {
  const inner = raw?.[field];
  return typeof inner === 'object' && inner !== null ? count((inner as Record<string, unknown>)[key]) : 0;
}

/** Gemini's `usageMetadata`: thinking tokens are billed as output. */
function geminiUsage(raw: Readonly<Record<string, unknown>>): Usage {
  const cached = count(raw['cachedContentTokenCount']);
  return {
    prompt_tokens: count(raw['promptTokenCount']),
    completion_tokens: count(raw['candidatesTokenCount']) + count(raw['thoughtsTokenCount']),
    ...(cached > 0 ? { cached_tokens: cached } : {}),
  };
}

/**
 * A usage object from any OpenAI-compatible answer (or a Batch API line: OpenAI's, Anthropic's or
 * Gemini's) as `Usage`, where `prompt_tokens` includes the cached and cache-written tokens. When the
 * server says how much the call cost (OpenRouter's `usage.cost`), that figure is kept as `cost_usd`.
 */
export function readUsage(raw: Raw): Usage {
  if (!raw) return NO_USAGE;
  if (raw['promptTokenCount'] !== undefined) return geminiUsage(raw);
  const native = raw['prompt_tokens'] === undefined && raw['input_tokens'] !== undefined;
  let prompt = count(native ? raw['input_tokens'] : raw['prompt_tokens']);
  const completion = count(raw['completion_tokens'] ?? raw['output_tokens']);
  const cached = Math.max(
    nested(raw, 'prompt_tokens_details', 'cached_tokens'),
    nested(raw, 'input_tokens_details', 'cached_tokens'),
    count(raw['cache_read_input_tokens']),
  );
  const written = count(raw['cache_creation_input_tokens']);
  // Anthropic's shape counts cache reads and writes outside the input tokens; so does a gateway whose
  // cached tokens would not fit inside its prompt tokens.
  if (native || cached + written > prompt) prompt += cached + written;
  const reported = raw['cost'];
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    ...(cached > 0 ? { cached_tokens: cached } : {}),
    ...(written > 0 ? { cache_write_tokens: written } : {}),
    ...(typeof reported === 'number' && Number.isFinite(reported) && reported >= 0 ? { cost_usd: reported } : {}),
  };
}

/** Prompt plus completion tokens: what `--max-total-tokens` counts. */
export function totalTokens(usage: Usage): number {
  return usage.prompt_tokens + usage.completion_tokens;
}
