import { z } from 'zod';
import { invalidArgument } from '../errors.js';

const PERSONA_HELP =
  'Built in: judge, critic, skeptic, advocate, pragmatist, arbiter; the project\'s .fanout/personas/*.md and .claude/agents/*.md are found too.';

/** A list of persona names (the schema), described for the model. */
export function personaListArg(what: string) {
  return z.array(z.string().trim().min(1)).min(1).max(12).optional().describe(`${what} ${PERSONA_HELP}`);
}

/** Names as given, each once; `argument` names the list in the error. */
export function checkPersonaNames(names: readonly string[], argument: string): string[] {
  const twice = names.find((name, i) => names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) !== i);
  if (twice !== undefined) throw invalidArgument(`${argument} names "${twice}" twice`);
  return [...names];
}
