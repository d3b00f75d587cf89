// `council [question..]`: resolves provider and personas through oracle, runs the engine, prints the
// synthesis (or JSON), writes the transcript. Returns the exit code.
import { writeFile } from 'node:fs/promises';
import { createClient, findPersonas, isRetryable, redact, resolveProvider, type Persona } from '@fanout/oracle';
import { runCouncil } from '../engine.js';
import { oracleAsk } from '../oracle-ask.js';
import { renderTranscript } from '../transcript.js';
import { EXIT_INTERRUPTED, EXIT_OK, UsageError, describeError } from './cli-errors.js';
import { progressLines } from './progress-lines.js';
import { readQuestion } from './read-question.js';

export interface CouncilArgs {
  readonly question?: readonly (string | number)[] | undefined;
  readonly personas?: string | undefined;
  readonly rounds?: number | undefined;
  readonly speculative?: boolean | undefined;
  readonly arbiter?: string | undefined;
  readonly review?: boolean | undefined;
  readonly transcript?: string | undefined;
  readonly json?: boolean | undefined;
  readonly provider?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly model?: string | undefined;
  readonly concurrency?: number | undefined;
  readonly timeout?: number | undefined;
  readonly retries?: number | undefined;
  readonly simLatencyMs?: number | undefined;
  readonly simRules?: string | undefined;
}

export interface CouncilIo {
  out(text: string): void;
  err(text: string): void;
}

function personaNames(value: string | undefined): string[] {
  const names = (value ?? 'judge,critic,skeptic').split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) throw new UsageError('--personas needs comma-separated names, e.g. --personas judge,critic,skeptic');
  const twice = names.find((name, i) => names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) !== i);
  if (twice) throw new UsageError(`--personas names "${twice}" twice`);
  return names;
}

function checkNumbers(args: CouncilArgs): void {
  const { rounds, concurrency, timeout, retries, simLatencyMs } = args;
  const integer = (n: number, min: number): boolean => Number.isInteger(n) && n >= min;
  if (rounds !== undefined && !integer(rounds, 1)) throw new UsageError(`--rounds must be an integer ≥ 1, got ${rounds}`);
  if (concurrency !== undefined && !integer(concurrency, 1)) throw new UsageError(`--concurrency must be an integer ≥ 1, got ${concurrency}`);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout must be a number of seconds > 0, got ${timeout}`);
  if (retries !== undefined && !integer(retries, 0)) throw new UsageError(`--retries must be an integer ≥ 0, got ${retries}`);
  if (simLatencyMs !== undefined && !(simLatencyMs >= 0)) throw new UsageError(`--sim-latency-ms must be ≥ 0, got ${simLatencyMs}`);
  if ((simLatencyMs !== undefined || args.simRules !== undefined) && args.provider !== 'sim') {
    throw new UsageError('--sim-latency-ms and --sim-rules need --provider sim');
  }
}

export async function councilCommand(args: CouncilArgs, io: CouncilIo): Promise<number> {
  const names = personaNames(args.personas);
  const arbiterName = (args.arbiter ?? 'arbiter').trim();
  if (arbiterName === '') throw new UsageError('--arbiter needs a persona name');
  checkNumbers(args);
  const provider = resolveProvider({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
  const found: Persona[] = await findPersonas([...names, arbiterName]);
  const personas = found.slice(0, names.length);
  const arbiter = found[names.length]!;
  const question = await readQuestion(args.question ?? []);
  // Worst case at once: a speculative round and its reviews beside the arbiter.
  const connections = Math.max(args.concurrency ?? names.length, 1) * 2 + 1;
  const client = createClient({
    resolved: provider,
    concurrency: connections,
    sim: { ...(args.simLatencyMs !== undefined ? { latencyMs: args.simLatencyMs } : {}), ...(args.simRules ? { rules: args.simRules } : {}) },
  });
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    if (provider.name === 'sim') {
      // Start llm-sim now so a bad --sim-rules file is a usage error, not three failed personas.
      await client.baseURL().catch((error: unknown) => {
        throw new UsageError(`--provider sim: ${describeError(error)}`);
      });
    }
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
      const markdown = renderTranscript(result, { arbiter: arbiter.name, rounds: args.rounds ?? 3, speculative: args.speculative === true });
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

/** stdout/stderr with every known secret replaced (keys never reach a terminal or a log). */
export function redactingIo(secrets: readonly (string | undefined)[]): CouncilIo {
  return {
    out: (text) => void process.stdout.write(redact(text, secrets)),
    err: (text) => void process.stderr.write(redact(text, secrets)),
  };
}
