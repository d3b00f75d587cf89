// `oracle`: one prompt to one persona, or to several at once; each persona's answer (or its error)
// comes back in the order asked.
import { readFile } from 'node:fs/promises';
import type { ConsultResult } from '@fanout/oracle';
import { z } from 'zod';
import { describeError } from '../describe-error.js';
import { invalidArgument } from '../errors.js';
import { resolvePath } from '../paths.js';
import { providerArgs, withClient } from '../provider-args.js';
import { defineTool } from '../tool.js';
import { checkPersonaNames, personaListArg } from './persona-list.js';

const MAX_FILE_BYTES = 1024 * 1024;

async function readContextFiles(cwd: string, files: readonly string[]): Promise<{ name: string; content: string }[]> {
  return Promise.all(
    files.map(async (name, i) => {
      try {
        const content = await readFile(resolvePath(cwd, name), 'utf8');
        if (Buffer.byteLength(content) > MAX_FILE_BYTES) throw invalidArgument(`context_files[${i}] ${name}: larger than 1 MB; pass an excerpt`);
        return { name, content };
      } catch (error) {
        if ((error as { code?: unknown }).code === 'INVALID_ARGUMENT') throw error;
        const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'no such file' : (error as Error).message;
        throw invalidArgument(`context_files[${i}] ${name}: ${reason}`);
      }
    }),
  );
}

function section(result: ConsultResult): string {
  if (result.error) return `## ${result.persona} — failed: ${describeError(result.error)}`;
  return `## ${result.persona} (${result.model}, ${Math.round(result.ms)} ms)\n\n${result.content.trim()}`;
}

function record(result: ConsultResult) {
  const { persona, model, content, usage } = result;
  return { persona, model, content, ms: Math.round(result.ms), usage, ...(result.error ? { error: describeError(result.error) } : {}) };
}

export const oracleTool = defineTool({
  name: 'oracle',
  title: 'Ask a model (one or several personas at once)',
  description:
    'Ask another model for a second opinion. With several personas (e.g. judge, critic, skeptic) they are asked at the same time and each answer ' +
      'comes back in the order given; a persona that fails returns its error without hiding the others. The model sees only the prompt and ' +
      'context_files, so include what it needs.',
  inputSchema: {
    prompt: z.string().trim().min(1).describe('The question, self-contained: the model sees nothing of this conversation.'),
    personas: personaListArg('Personas to ask at once, e.g. ["judge","critic","skeptic"]. Default: the plain model, no persona.'),
    context_files: z
      .array(z.string().min(1))
      .max(50)
      .optional()
      .describe('Files sent along as context (paths relative to the project directory, up to 1 MB each).'),
    ...providerArgs,
  },
  readOnly: true,
  async run(args, { signal, progress, cwd }) {
    const names = checkPersonaNames(args.personas ?? [], 'personas');
    const attachments = await readContextFiles(cwd, args.context_files ?? []);
    const { consult, DEFAULT_PERSONA } = await import('@fanout/oracle');
    const personas = names.length > 0 ? names : [DEFAULT_PERSONA];
    let done = 0;
    const report = await withClient(args, personas.length, (client) =>
      consult({
        prompt: args.prompt,
        personas,
        client,
        attachments,
        model: args.model,
        cwd,
        signal,
        onResult: (result) => progress(++done, personas.length, `${result.persona} ${result.error ? 'failed' : 'answered'}`),
      }),
    );
    const failed = report.results.filter((result) => result.error);
    return {
      text: report.results.map(section).join('\n\n'),
      data: { results: report.results.map(record), wall_ms: Math.round(report.wall_ms) },
      isError: failed.length === report.results.length,
    };
  },
});
