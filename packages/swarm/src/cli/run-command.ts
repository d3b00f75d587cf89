import { createHash } from 'node:crypto';
import { RateLimiter } from '@fanout/parallel-core';
import {
  createClient,
  pricingTarget,
  resolvedProvider,
  resolveProvider,
  EXIT_BUDGET,
  type OracleClient,
  type Persona,
  type ResolvedProvider,
} from '@fanout/oracle';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK } from '@fanout/cli-kit/errors';
import { createOutput, readPrompt, secretsFromEnv } from '@fanout/oracle/llm-cli';
import { claimResults, type MadeFrom, type ShardRecord } from '../results-file.js';
import { formatShard, parseShard, shardSource } from '../shard/shard.js';
import type { EndpointRouter } from '../endpoints/endpoint-router.js';
import { endpointSpecs } from '../endpoints/endpoint-spec.js';
import { startEndpoints, type StartedEndpoints } from '../endpoints/start-endpoints.js';
import { EarlyStop } from '../early-stop.js';
import { FLEX_TIMEOUT_MS } from '../flex.js';
import { createExtractor, type Extractor } from '../extract.js';
import { readInput, scanInput } from '../input-reader.js';
import type { ResumeScan } from '../resume-reader.js';
import { runSwarm } from '../run-swarm.js';
import { formatSummary, type SwarmSummary } from '../summary.js';
import { inputSource, promptSource, type ItemSource } from '../work-items.js';
import type { SwarmCost } from '../cost/swarm-cost.js';
import { checkRunArgs, personaList, type RunArgs } from './run-args.js';
import { batchRefusal, budgetStopNote, estimateOutput, estimateSwarm, swarmBudget, swarmCost, type CostTarget } from './run-cost.js';
import { resolvePersonas, startClient } from './start-client.js';

// Without --rpm/--tpm the limiter only follows what the server says (x-ratelimit-remaining-* at 0
// pauses until x-ratelimit-reset-*; retry-after pauses). parallel-core's RateLimiter needs a rate,
// so it gets one no client reaches.
const UNPACED_RPM = 1e9;

/** What both the direct and the Batch API path need, prepared from the flags. */
export interface RunSetup {
  readonly args: RunArgs;
  readonly provider: ResolvedProvider;
  readonly source: ItemSource;
  readonly personas: Map<string, Persona>;
  readonly extract: Extractor | undefined;
  /** Malformed input lines skipped. */
  readonly invalid: number;
  readonly client: OracleClient;
  /** `--endpoint`: the endpoints sharing the work (`client` is then the first one's). */
  readonly router: EndpointRouter | undefined;
  /** The keys in play: redacted from results, summary and diagnostics. */
  readonly secrets: readonly string[];
  /** What the results are made from (recorded beside `--out`, checked on `--resume`). */
  readonly madeFrom: MadeFrom;
  /** `--shard i/k`: this run's share (recorded beside `--out`, for `swarm merge`). */
  readonly shard: ShardRecord | undefined;
  /** Where the work is priced, and the meter every answer is priced by. */
  readonly target: CostTarget;
  readonly cost: SwarmCost;
  /** Diagnostics on stderr, with the key redacted. */
  err(text: string): void;
  /** Prints the summary (JSON or text) and returns the exit code. */
  finish(summary: SwarmSummary): number;
  resumeNote(scan: ResumeScan, skipped: number, n: number): void;
}

function buildLimiter(args: RunArgs): RateLimiter {
  const maxTokens = args.maxTokens ?? 0;
  return new RateLimiter({
    requestsPerMinute: args.rpm ?? UNPACED_RPM,
    ...(args.tpm !== undefined
      ? { tokensPerMinute: args.tpm, tokens: (item: unknown) => Math.ceil((item as { prompt: string }).prompt.length / 4) + maxTokens }
      : {}),
  });
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** The work and every setting that changes what is asked: a resume must match all of them. */
function madeFromOf(args: RunArgs, provider: ResolvedProvider, work: MadeFrom, personas: ReadonlyMap<string, Persona>): MadeFrom {
  const personaText = [...personas.values()]
    .map((p) => JSON.stringify([p.name, p.model ?? null, p.temperature ?? null, p.prompt]))
    .sort()
    .join('\n');
  return {
    ...work,
    provider: provider.name,
    model: args.model ?? provider.model,
    system: args.system === undefined ? null : sha256(args.system),
    temperature: args.temperature ?? null,
    max_tokens: args.maxTokens ?? null,
    personas: personas.size === 0 ? null : sha256(personaText),
  };
}

async function prepare(args: RunArgs): Promise<RunSetup> {
  checkRunArgs(args);
  const crossing = personaList(args.personas);
  const voting = Boolean(args.vote || args.earlyStop || args.extract !== undefined || args.extractJson !== undefined);
  const extract = voting ? createExtractor({ regex: args.extract, jsonField: args.extractJson }) : undefined;
  const specs = (args.endpoint ?? []).length > 0 || args.endpoints !== undefined ? endpointSpecs(args.endpoint ?? [], args.endpoints) : undefined;
  const started: StartedEndpoints | undefined = specs && startEndpoints(specs, { model: args.model, concurrency: args.concurrency });
  const provider = started ? started.providers[0]! : providerFor(args);
  const secrets = [...secretsFromEnv(process.env), ...(provider.apiKey ? [provider.apiKey] : []), ...(started?.keys ?? [])];
  const io = createOutput(secrets);
  const err = io.err;
  let work: MadeFrom;

  let source: ItemSource;
  let invalid = 0;
  let personaNames: readonly string[] = crossing;
  if (args.input !== undefined) {
    const file = args.input;
    const scan = scanInput(file, { skipInvalid: args.skipInvalid });
    invalid = scan.invalid;
    if (invalid > 0) err(`swarm: skipped ${invalid} invalid line${invalid === 1 ? '' : 's'} of ${file}, e.g. ${scan.problems[0]}\n`);
    if (crossing.length === 0) personaNames = [...scan.personas];
    source = inputSource(() => readInput(file), scan.ids, crossing);
    work = { input: `sha256:${scan.digest}` };
  } else {
    const prompt = await readPrompt(args.prompt ?? [], { mode: 'fallback', hint: ' (or use --input prompts.jsonl)' });
    source = promptSource(prompt, args.n!, crossing);
    work = { prompt: sha256(prompt) };
  }
  const share = args.shard === undefined ? undefined : parseShard(args.shard);
  let shard: ShardRecord | undefined;
  if (share) {
    source = shardSource(source, share);
    shard = { ...share, items: source.n };
    // A resume must run the same share: a different shard is a different work.
    work = { ...work, shard: formatShard(share) };
  }
  const personas = await resolvePersonas(personaNames);
  let madeFrom = madeFromOf(args, provider, work, personas);
  if (started) {
    // Several endpoints answer one work: what matters is the models asked, not which server answered.
    madeFrom = { ...madeFrom, provider: 'endpoints', model: [...new Set(started.providers.map((p) => p.model))].sort().join(',') };
  }
  // A dry run sends nothing: its client is never started.
  const client = started ? started.router.endpoints[0]!.client : args.dryRun ? createClient({ resolved: provider }) : await startClient(args, provider);
  // Several endpoints have no one price: their cost is unknown unless they share a provider's.
  const target: CostTarget = { provider: started ? 'endpoints' : provider.name, model: provider.model, personas };
  return {
    args,
    provider,
    source,
    personas,
    extract,
    invalid,
    client,
    router: started?.router,
    secrets,
    madeFrom,
    shard,
    target,
    cost: swarmCost(args, target),
    err,
    finish(report) {
      const summary = { ...report, ...(invalid > 0 ? { invalid } : {}), ...(share ? { shard: formatShard(share) } : {}) };
      io.out(args.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary, args.out));
      if (report.interrupted) return EXIT_INTERRUPTED;
      if (report.budget?.stopped) {
        err(budgetStopNote(summary, args));
        return EXIT_BUDGET;
      }
      return report.failed > 0 ? EXIT_FAILED : EXIT_OK;
    },
    resumeNote(scan, skipped, n) {
      const notes = [`${skipped} of ${n} already done`];
      if (scan.truncatedBytes > 0) notes.push(`dropped a torn last line (${scan.truncatedBytes} bytes)`);
      if (scan.dropped > 0) notes.push(`running ${scan.dropped} failed again`);
      if (scan.invalid > 0) notes.push(`${scan.invalid} unreadable lines left as they are`);
      err(`swarm: resuming ${args.out}: ${notes.join(', ')}\n`);
    },
  };
}

/** The provider the flags name; for a dry run, one that needs no key (nothing is sent). */
function providerFor(args: RunArgs): ResolvedProvider {
  if (!args.dryRun) return resolveProvider({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
  const { provider, model } = pricingTarget({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
  return resolvedProvider({ name: provider, baseURL: args.baseUrl, apiKey: undefined, model, keyVar: undefined });
}

/** The models the work asks for (the one `--model`, else each persona's and the default). */
function modelsOf(setup: RunSetup): string[] {
  if (setup.args.model !== undefined) return [setup.args.model];
  return [...new Set([setup.target.model, ...[...setup.personas.values()].flatMap((p) => (p.model ? [p.model] : []))])];
}

async function runDirect(setup: RunSetup, signal: AbortSignal): Promise<number> {
  const { args } = setup;
  const budget = swarmBudget(args, setup.cost, modelsOf(setup));
  const earlyStop = args.earlyStop ? new EarlyStop({ confidence: args.confidence, minSamples: args.minSamples }) : undefined;
  const report = await runSwarm({
    client: setup.client,
    source: setup.source,
    personas: setup.personas,
    ...(args.system !== undefined ? { system: args.system } : {}),
    ...(args.model !== undefined ? { model: args.model } : {}),
    ...(args.temperature !== undefined ? { temperature: args.temperature } : {}),
    ...(args.maxTokens !== undefined ? { maxTokens: args.maxTokens } : {}),
    concurrency: args.concurrency ?? 50,
    retries: args.retries ?? 5,
    ...(args.timeout !== undefined ? { timeoutMs: args.timeout * 1000 } : args.flex ? { timeoutMs: FLEX_TIMEOUT_MS } : {}),
    ...(args.flex ? { flex: true } : {}),
    ...(setup.router ? { router: setup.router } : { rateLimit: buildLimiter(args) }),
    adaptive: args.adaptive !== false,
    ...(args.out !== undefined ? { out: args.out } : {}),
    resume: args.resume === true,
    retryFailed: args.retryFailed === true,
    ...(setup.extract ? { extract: setup.extract } : {}),
    ...(earlyStop ? { earlyStop } : {}),
    signal,
    progress: true,
    onResume: (scan, skipped) => setup.resumeNote(scan, skipped, setup.source.n),
    secrets: setup.secrets,
    cost: setup.cost,
    ...(budget ? { budget } : {}),
  });
  return setup.finish(report);
}

/** `swarm [prompt..]`: returns the exit code (0 all ok, 1 some failed, 130 interrupted). */
export async function swarmCommand(args: RunArgs): Promise<number> {
  const setup = await prepare(args);
  if (args.dryRun) {
    try {
      process.stdout.write(estimateOutput(args, estimateSwarm(args, setup.source, setup.target)));
      return EXIT_OK;
    } finally {
      await setup.client.close();
      await setup.router?.close();
    }
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let claim: { release(): void } | undefined;
  try {
    if (args.out !== undefined) {
      claim = claimResults(args.out, {
        resume: args.resume === true,
        force: args.force === true,
        input: args.input,
        madeFrom: setup.madeFrom,
        ...(setup.shard ? { shard: setup.shard } : {}),
      });
    }
    if (args.batchApi) {
      swarmBudget(args, setup.cost, modelsOf(setup));
      const refusal = batchRefusal(args, estimateSwarm(args, setup.source, setup.target));
      if (refusal) {
        setup.err(refusal);
        return EXIT_BUDGET;
      }
      const { runBatchApi } = await import('./batch-run.js');
      return await runBatchApi(setup, controller.signal);
    }
    return await runDirect(setup, controller.signal);
  } finally {
    claim?.release();
    process.off('SIGINT', onSigint);
    await setup.client.close();
    await setup.router?.close();
  }
}
