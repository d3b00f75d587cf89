// `council [question..]`: resolves provider and personas through oracle, runs the engine, prints the
// synthesis (or JSON), writes the transcript. Returns the exit code.
import { writeFile } from 'node:fs/promises';
import { createClient, findPersonas, isRetryable, resolveProvider, type Persona } from '@fanout/oracle';
import { EXIT_INTERRUPTED, EXIT_OK, UsageError } from '@fanout/cli-kit/errors';
import {
  checkProviderFlags,
  createOutput,
  readPrompt,
  redact,
  secretsFromEnv,
  simOptions,
  startEarly,
  type Output,
  type ProviderFlags,
} from '@fanout/oracle/llm-cli';
import { EXIT_BUDGET, checkCostFlags, expectedOutput, loadPrices, pricingTarget, usageLine, type CostFlags } from '@fanout/oracle/cost';
import { runCouncil } from '../run-council.js';
import { estimateCouncil, type CouncilEstimate } from '../estimate-council.js';
import { oracleAsk } from '../oracle-ask.js';
import { renderTranscript } from '../transcript.js';
import { CouncilBudget, estimateObject, estimateText } from './council-cost.js';
import { progressLines } from './progress-lines.js';

export interface CouncilArgs extends ProviderFlags, CostFlags {
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

/** Every round of this council up to the cap, priced. */
function estimate(args: CouncilArgs, found: readonly Persona[], question: string, provider: string, defaultModel: string): CouncilEstimate {
  return estimateCouncil({
    question,
    personas: found.slice(0, -1),
    arbiter: found.at(-1)!,
    rounds: args.rounds ?? 3,
    review: args.review === true,
    model: args.model,
    defaultModel,
    outputTokens: expectedOutput(args),
    table: loadPrices(),
    provider,
  });
}

export async function councilCommand(args: CouncilArgs, io: Output = createOutput(secretsFromEnv(process.env))): Promise<number> {
  const names = personaNames(args.personas);
  const arbiterName = (args.arbiter ?? 'arbiter').trim();
  if (arbiterName === '') throw new UsageError('--arbiter needs a persona name');
  if (args.rounds !== undefined && !(Number.isInteger(args.rounds) && args.rounds >= 1))
    throw new UsageError(`--rounds must be an integer ≥ 1, got ${args.rounds}`);
  checkProviderFlags(args);
  checkCostFlags(args);
  if (args.dryRun) {
    // An estimate needs no key and sends nothing.
    const target = pricingTarget({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
    const found = await findPersonas([...names, arbiterName]);
    const planned = estimate(args, found, await readPrompt(args.question ?? [], { noun: 'question' }), target.provider, target.model);
    io.out(args.json ? `${JSON.stringify(estimateObject(planned, expectedOutput(args)))}\n` : estimateText(planned, expectedOutput(args)));
    return EXIT_OK;
  }
  const provider = resolveProvider({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
  io.addSecret(provider.apiKey);
  const found: Persona[] = await findPersonas([...names, arbiterName]);
  const personas = found.slice(0, names.length);
  const arbiter = found[names.length]!;
  const question = await readPrompt(args.question ?? [], { noun: 'question' });
  const budget = new CouncilBudget(loadPrices(), provider.name, estimate(args, found, question, provider.name, provider.model), args);
  // Round 1 must fit before anything is sent; later rounds are checked between rounds.
  if (!budget.allows(1, false)) {
    io.err(budget.stopLine(0));
    return EXIT_BUDGET;
  }
  const models = new Map(found.map((persona) => [persona.name, args.model ?? persona.model ?? provider.model]));
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
      ask: budget.metered(oracleAsk({ client, personas: found, model: args.model }), (name) => models.get(name) ?? provider.model),
      concurrency: args.concurrency,
      timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
      retry: { retries: args.retries ?? 2, shouldRetry: isRetryable },
      signal: controller.signal,
      onEvent: progressLines(),
      beforeRound: (round, state) => budget.allows(round, state.verdictPending),
    });
    const cost = budget.meter.totals();
    io.out(args.json ? `${JSON.stringify({ ...result, cost_usd: cost.cost_usd, cache_hit_share: cost.cache_hit_share })}\n` : `${result.final.trim()}\n`);
    if (result.stopped_before_round !== undefined) io.err(budget.stopLine(result.rounds.length));
    // What it cost, on stderr: for people at a terminal, and whenever a budget was set.
    if (process.stderr.isTTY || budget.limits)
      io.err(`council: ${result.rounds.length} round${result.rounds.length === 1 ? '' : 's'}, ${result.calls} calls: ${usageLine(cost)}\n`);
    if (args.transcript !== undefined) {
      // The transcript is an output like stdout: a key a persona's server echoed must not reach it.
      const meta = { arbiter: arbiter.name, rounds: args.rounds ?? 3, speculative: args.speculative === true, cost: usageLine(cost, true) };
      const markdown = redact(renderTranscript(result, meta), [
        ...secretsFromEnv(process.env),
        provider.apiKey,
      ]);
      await writeFile(args.transcript, markdown).catch((error: unknown) => {
        throw new UsageError(`--transcript ${args.transcript}: ${(error as Error).message}`);
      });
    }
    if (controller.signal.aborted) return EXIT_INTERRUPTED;
    return result.stopped_before_round === undefined ? EXIT_OK : EXIT_BUDGET;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await client.close();
  }
}
