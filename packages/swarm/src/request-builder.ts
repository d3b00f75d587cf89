import { DEFAULT_PERSONA, personaMessages, UnknownPersonaError, type ChatMessage, type ChatRequest, type Persona } from '@fanout/oracle';
import type { WorkItem } from './work-items.js';

export interface RequestOptions {
  readonly personas?: ReadonlyMap<string, Persona>;
  readonly system?: string;
  readonly model?: string;
  readonly temperature?: number;
  readonly maxTokens?: number;
  /** Sent as `service_tier` (`flex` for OpenAI's flex processing). */
  readonly serviceTier?: string;
}

interface PersonaCache {
  readonly persona: Persona;
  readonly headers: Readonly<Record<string, string>> | undefined;
  // The last prompt and its messages: a swarm of one prompt builds its messages once per persona.
  prompt: string | undefined;
  messages: ChatMessage[];
}

/**
 * Turns work items into chat requests. Messages are built once per (persona, prompt) and reused
 * while the prompt repeats, so `swarm "q" --n 10000` allocates one small request object per call.
 */
export function createRequestBuilder(options: RequestOptions): (item: WorkItem) => ChatRequest {
  const caches = new Map<string | null, PersonaCache>();
  const messageOptions = { system: options.system };

  function cacheFor(name: string | null): PersonaCache {
    let cache = caches.get(name);
    if (cache) return cache;
    let persona = DEFAULT_PERSONA;
    if (name !== null) {
      const found = options.personas?.get(name);
      if (!found) throw new UnknownPersonaError(name, [...(options.personas?.keys() ?? [])]);
      persona = found;
    }
    cache = { persona, headers: name === null ? undefined : { 'x-fanout-persona': persona.name }, prompt: undefined, messages: [] };
    caches.set(name, cache);
    return cache;
  }

  return (item) => {
    const cache = cacheFor(item.persona);
    if (cache.prompt !== item.prompt) {
      cache.prompt = item.prompt;
      cache.messages = personaMessages(cache.persona, item.prompt, messageOptions);
    }
    return {
      messages: cache.messages,
      model: options.model ?? cache.persona.model,
      temperature: options.temperature ?? cache.persona.temperature,
      seed: item.seed,
      maxTokens: options.maxTokens,
      serviceTier: options.serviceTier,
      headers: cache.headers,
    };
  };
}
