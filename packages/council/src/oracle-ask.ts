// Wires the engine to a model through oracle's client: the persona's system prompt in front, the
// round in `x-fanout-round` (and the persona in `x-fanout-persona`, which llm-sim rules match), and
// JSON output asked for where the endpoint takes it.
import { ApiError, personaMessages, type ChatRequest, type OracleClient, type Persona } from '@fanout/oracle';
import { CouncilError } from './errors.js';
import type { AskFn, CouncilMessage } from './types.js';

export interface OracleAskOptions {
  readonly client: OracleClient;
  /** Every persona the council may ask, the arbiter included (e.g. from oracle's `findPersonas`). */
  readonly personas: readonly Persona[];
  /** Overrides every persona's model and the client's default (`--model`). */
  readonly model?: string | undefined;
  /** Extra system prompt added after each persona's. */
  readonly system?: string | undefined;
}

/** An `AskFn` that makes exactly one `client.chat` attempt per call (the engine's pool retries). */
export function oracleAsk(options: OracleAskOptions): AskFn {
  const byName = new Map(options.personas.map((persona) => [persona.name, persona]));
  // Endpoints that reject `response_format` answer 400; after the first such answer, ask for JSON in
  // words only (the verdict parser is tolerant either way).
  let jsonAccepted = true;
  const request = (persona: Persona, messages: readonly CouncilMessage[], round: number, json: boolean): ChatRequest => ({
    messages: personaMessages(persona, messages, { system: options.system }),
    model: options.model ?? persona.model,
    temperature: persona.temperature,
    json,
    headers: { 'x-fanout-round': String(round), 'x-fanout-persona': persona.name },
  });
  return async (name, messages, context) => {
    const persona = byName.get(name);
    if (!persona) throw new CouncilError('USAGE', `persona "${name}" was not given to oracleAsk`);
    const json = context.json && jsonAccepted;
    const call = { signal: context.signal };
    try {
      const answer = await options.client.chat(request(persona, messages, context.round, json), call);
      return { content: answer.content, usage: answer.usage };
    } catch (error) {
      if (!json || !(error instanceof ApiError) || error.status !== 400 || context.signal.aborted) throw error;
      const answer = await options.client.chat(request(persona, messages, context.round, false), call);
      jsonAccepted = false; // the same request without response_format went through
      return { content: answer.content, usage: answer.usage };
    }
  };
}
