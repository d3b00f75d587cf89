import path from 'node:path';
import { listPersonas } from '../personas/load-personas.js';
import type { Persona } from '../personas/persona.js';
import { secretsFromEnv } from '../redact.js';
import { EXIT_OK } from '@fanout/cli-kit/errors';
import { createOutput, type Output } from './output.js';

function where(persona: Persona, cwd: string): string {
  if (persona.source === 'builtin' || !persona.path) return persona.source;
  const relative = path.relative(cwd, persona.path);
  return relative.startsWith('..') ? persona.path : relative;
}

/** `oracle personas`: every persona that can be asked for, with where it comes from. */
export async function personasCommand(args: { json?: boolean | undefined }, io: Output = createOutput(secretsFromEnv(process.env))): Promise<number> {
  const cwd = process.cwd();
  const personas = await listPersonas({ cwd });
  if (args.json) {
    const rows = personas.map((p) => ({
      name: p.name,
      description: p.description,
      source: p.source,
      path: p.path,
      model: p.model,
      temperature: p.temperature,
    }));
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT_OK;
  }
  // reduce, not Math.max(...list): spreading a long list into a call overflows the stack.
  const nameWidth = personas.reduce((max, p) => Math.max(max, p.name.length), 4);
  const sources = personas.map((p) => where(p, cwd));
  const sourceWidth = sources.reduce((max, s) => Math.max(max, s.length), 6);
  io.out(`${'NAME'.padEnd(nameWidth)}  ${'SOURCE'.padEnd(sourceWidth)}  DESCRIPTION\n`);
  for (const [i, p] of personas.entries()) io.out(`${p.name.padEnd(nameWidth)}  ${sources[i]!.padEnd(sourceWidth)}  ${p.description}\n`);
  return EXIT_OK;
}
