// `council [question..]`: resolves provider and personas through oracle, runs the engine, prints the
// synthesis (or JSON), writes the transcript. Returns the exit code.
import { writeFile } from 'node:fs/promises';
import { createClient, findPersonas, isRetryable, resolveProvider, type Persona } from '@fanout/oracle';
import {
  EXIT_INTERRUPTED,
  EXIT_OK,
  UsageError,
  checkProviderFlags,
  createOutput,
  readPrompt,
  redact,
  secretsFromEnv,
  simOptions,
  startEarly,
  type Output,
  type ProviderFlags,
} from '@fanout/oracle/cli-kit';
import { runCouncil } from '../engine.js';
import { oracleAsk } from '../oracle-ask.js';
import { renderTranscript } from '../transcript.js';
import { progressLines } from './progress-lines.js';

export interface CouncilArgs extends ProviderFlags {
  readonly question?: readonly (string | number)[] | undefined;
  readonly personas?: string | undefined;
  readonly rounds?: number | undefined;
  readonly speculative?: boolean | undefined;
  readonly arbiter?: string | undefined;
  readonly review?: boolean | undefined;
  readonly transcript?: string | undefined;
}

function personaNames(value: string | undefined): string[] {
  const names = (value ?? 'judge,critic,skeptic').split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) throw new UsageError('--personas needs comma-separated names, e.g. --personas judge,critic,skeptic');
  const twice = names.find((name, i) => names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) !== i);
  if (twice) throw new UsageError(`--personas names "${twice}" twice`);
  return names;
}

export async function councilCommand(args: CouncilArgs, io: Output = createOutput(secretsFromEnv(process.env))): Promise<number> {
  const names = personaNames(args.personas);
  const arbiterName = (args.arbiter ?? 'arbiter').trim();
  if (arbiterName === '') throw new UsageError('--arbiter needs a persona name');
  if (args.rounds !== undefined && !(Number.isInteger(args.rounds) && args.rounds >= 1)) throw new UsageError(`--rounds must be an integer ≥ 1, got ${args.rounds}`);
  checkProviderFlags(args);
  const provider = resolveProvider({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
  io.addSecret(provider.apiKey);
  const found: Persona[] = await findPersonas([...names, arbiterName]);
  const personas = found.slice(0, names.length);
  const arbiter = found[names.length]!;
  const question = await readPrompt(args.question ?? [], { noun: 'question' });
  // Worst case at once: a speculative round and its reviews beside the arbiter.
  const connections = Math.max(args.concurrency ?? names.length, 1) * 2 + 1;
  const client = createClient({
    resolved: provider,
    concurrency: connections,
    sim: simOptions(args),
  });
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    // For --provider sim: a bad --sim-rules file is a usage error, not three failed personas.
    await startEarly(client);
    const result = await runCouncil({
      question,
      personas: personas.map((persona) => persona.name),
      arbiter: arbiter.name,
      rounds: args.rounds ?? 3,
      speculative: args.speculative,
      review: args.review,
      ask: oracleAsk({ client, personas: found, model: args.model }),
      concurrency: args.concurrency,
      timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
      retry: { retries: args.retries ?? 2, shouldRetry: isRetryable },
      signal: controller.signal,
      onEvent: progressLines(),
    });
    io.out(args.json ? `${JSON.stringify(result)}\n` : `${result.final.trim()}\n`);
    if (args.transcript !== undefined) {
      // The transcript is an output like stdout: a key a persona's server echoed must not reach it.
      const markdown = redact(renderTranscript(result, { arbiter: arbiter.name, rounds: args.rounds ?? 3, speculative: args.speculative === true }), [
        ...secretsFromEnv(process.env),
        provider.apiKey,
      ]);
      await writeFile(args.transcript, markdown).catch((error: unknown) => {
        throw new UsageError(`--transcript ${args.transcript}: ${(error as Error).message}`);
      });
    }
    return controller.signal.aborted ? EXIT_INTERRUPTED : EXIT_OK;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await client.close();
  }
}
