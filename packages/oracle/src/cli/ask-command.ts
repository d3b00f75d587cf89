import { createClient } from '../client.js';
import { consult, type ConsultResult } from '../consult.js';
import { EXIT_BUDGET, budgetLimits, checkCostFlags, hasLimit, loadPrices, pricingTarget, usageLine, type CostFlags, type CostTotals } from '../cost/index.js';
import { personaMessages, type Attachment } from '../messages.js';
import { findPersonas } from '../personas/load-personas.js';
import { DEFAULT_PERSONA, type Persona } from '../personas/persona.js';
import { resolveProvider, type ResolvedProvider } from '../providers.js';
import { isRetryable } from '../retryable.js';
import { createStreamRedactor, secretsFromEnv } from '../redact.js';
import type { TransportName } from '../types.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from '@fanout/cli-kit/errors';
import { failureLines, inOrder, jsonReport, textSection } from './format-results.js';
import { createOutput, type Output } from './output.js';
import { DEFAULT_TIMEOUT_S, checkProviderFlags, simOptions, type ProviderFlags } from './provider-flags.js';
import { readAttachments } from './read-attachments.js';
import { readPrompt } from './read-prompt.js';
import { startEarly } from './start-early.js';
import { answersCost, budgetRefusal, costLine, estimateAsk, type PlannedAsk } from './ask-cost.js';

export interface AskArgs extends ProviderFlags, CostFlags {
  readonly prompt?: readonly (string | number)[] | undefined;
  /** One `-f` gives a string, several an array. */
  readonly file?: string | readonly string[] | undefined;
  readonly persona?: string | undefined;
  readonly batch?: string | undefined;
  readonly system?: string | undefined;
  readonly stream?: boolean | undefined;
  readonly stdin?: boolean | undefined;
  readonly transport?: string | undefined;
}

/**
 * oracle's retries: what `isRetryable` says, but a timed-out attempt only once more. A server that did
 * not answer within the timeout rarely does on the third try, and each try costs the whole timeout.
 */
function shouldRetry(error: unknown, attempt: number): boolean {
  if ((error as { code?: unknown } | null)?.code === 'TASK_TIMEOUT') return attempt < 2;
  return isRetryable(error);
}

function personaNames(args: AskArgs): string[] {
  if (args.persona !== undefined && args.batch !== undefined) throw new UsageError('--persona and --batch cannot be used together');
  if (args.persona !== undefined) {
    if (args.persona.trim() === '') throw new UsageError('--persona needs a name');
    return [args.persona.trim()];
  }
  if (args.batch === undefined) return [];
  const names = args.batch.split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) throw new UsageError('--batch needs comma-separated persona names, e.g. --batch judge,critic,skeptic');
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new UsageError(`--batch names "${twice}" twice`);
  return names;
}

function printResults(
  io: Output,
  args: AskArgs,
  results: ConsultResult[],
  wallMs: number,
  printed: boolean,
  cost: { each: (number | null)[]; totals: CostTotals },
): void {
  if (args.json) io.out(jsonReport({ results, wall_ms: wallMs }, cost));
  else if (!printed && results.length === 1 && !results[0]!.error) io.out(`${results[0]!.content.trim()}\n`);
  for (const line of failureLines(results)) io.err(line);
}

/** Each persona's request as consult will send it (for estimates). */
function plannedAsks(args: AskArgs, personas: readonly Persona[], prompt: string, attachments: readonly Attachment[], model: string): PlannedAsk[] {
  return personas.map((persona) => ({
    persona: persona.name,
    model: args.model ?? persona.model ?? model,
    messages: personaMessages(persona, prompt, { system: args.system, attachments }),
  }));
}

async function readAsk(args: AskArgs, names: readonly string[]): Promise<{ personas: Persona[]; prompt: string; attachments: Attachment[] }> {
  const personas: Persona[] = names.length > 0 ? await findPersonas([...names]) : [DEFAULT_PERSONA];
  const [prompt, attachments] = await Promise.all([
    readPrompt(args.prompt ?? [], { force: args.stdin === true }),
    readAttachments(args.file === undefined ? [] : [args.file].flat()),
  ]);
  return { personas, prompt, attachments };
}

/** `--dry-run`: the estimate of asking each persona once; needs no key and sends nothing. */
async function askDryRun(args: AskArgs, names: readonly string[], io: Output): Promise<number> {
  const table = loadPrices();
  const target = pricingTarget({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
  const { personas, prompt, attachments } = await readAsk(args, names);
  const estimate = estimateAsk(table, target.provider, plannedAsks(args, personas, prompt, attachments, target.model), args);
  io.out(args.json ? `${JSON.stringify(estimate.json, null, 2)}\n` : estimate.text);
  return EXIT_OK;
}

/** `oracle [prompt..]`: one persona (streamed on a TTY) or a batch asked at once. Returns the exit code. */
export async function askCommand(args: AskArgs, io: Output = createOutput(secretsFromEnv(process.env))): Promise<number> {
  const names = personaNames(args);
  checkProviderFlags(args);
  checkCostFlags(args);
  if (args.dryRun) return askDryRun(args, names, io);
  const table = loadPrices();
  const provider: ResolvedProvider = resolveProvider({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
  io.addSecret(provider.apiKey);
  const client = createClient({
    resolved: provider,
    concurrency: Math.max(args.concurrency ?? names.length, 1),
    transport: (args.transport ?? 'http') as TransportName,
    sim: simOptions(args),
  });
  // Load the HTTP client (and start the sim) while persona files and stdin are read.
  const started = startEarly(client);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const { personas, prompt, attachments } = await readAsk(args, names);
    await started;
    if (hasLimit(budgetLimits(args))) {
      // Refused before anything is sent: a batch cannot stop half-way through its personas.
      const refusal = budgetRefusal(args, estimateAsk(table, provider.name, plannedAsks(args, personas, prompt, attachments, provider.model), args));
      if (refusal) {
        io.err(refusal);
        return EXIT_BUDGET;
      }
    }
    const stream = personas.length === 1 && !args.json && io.stdoutIsTTY && args.stream !== false;
    const batchText = personas.length > 1 && !args.json;
    // A key the server echoes may arrive split across deltas: each delta alone would pass `io.out`.
    const shown = createStreamRedactor([...secretsFromEnv(process.env), provider.apiKey]);
    const report = await consult({
      prompt,
      personas,
      client,
      attachments,
      system: args.system,
      model: args.model,
      concurrency: args.concurrency ?? personas.length,
      retry: { retries: args.retries ?? 3, shouldRetry },
      // Without --timeout, silence is what is limited: a long answer streams as long as it keeps coming.
      timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
      idleTimeoutMs: args.timeout === undefined ? DEFAULT_TIMEOUT_S * 1000 : undefined,
      signal: controller.signal,
      onDelta: stream ? (delta) => io.out(shown.push(delta)) : undefined,
      onResult: batchText ? inOrder(personas.length, (result, index) => io.out(textSection(result, index === 0))) : undefined,
    });
    const cost = answersCost(table, provider.name, report.results);
    if (stream) {
      io.out(shown.end());
      const [only] = report.results;
      if (only && !only.error) io.out('\n');
      if (only && !only.error) io.err(`(${only.persona}, ${only.model}, ${Math.round(only.ms)} ms; ${usageLine(cost.totals, true)})\n`);
    }
    printResults(io, args, report.results, report.wall_ms, stream || batchText, cost);
    // What the answers cost, on stderr: for people at a terminal, and whenever a budget was set.
    const answered = report.results.filter((r) => !r.error).length;
    if (!stream && answered > 0 && (process.stderr.isTTY || hasLimit(budgetLimits(args)))) io.err(costLine(answered, cost.totals));
    if (controller.signal.aborted) return EXIT_INTERRUPTED;
    return report.results.some((r) => r.error) ? EXIT_FAILED : EXIT_OK;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await client.close();
  }
}
