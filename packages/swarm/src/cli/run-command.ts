import { RateLimiter } from '@fanout/parallel-core';
import { resolveProvider, type OracleClient, type Persona, type ResolvedProvider } from '@fanout/oracle';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, createOutput, readPrompt, secretsFromEnv } from '@fanout/oracle/cli-kit';
import { EarlyStop } from '../early-stop.js';
import { createExtractor, type Extractor } from '../extract.js';
import { readInput, scanInput } from '../input-reader.js';
import type { ResumeScan } from '../resume-reader.js';
import { runSwarm } from '../run-swarm.js';
import { formatSummary, type SwarmSummary } from '../summary.js';
import { inputSource, promptSource, type ItemSource } from '../work-items.js';
import { checkRunArgs, personaList, type RunArgs } from './run-args.js';
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

async function prepare(args: RunArgs): Promise<RunSetup> {
  checkRunArgs(args);
  const crossing = personaList(args.personas);
  const voting = Boolean(args.vote || args.earlyStop || args.extract !== undefined || args.extractJson !== undefined);
  const extract = voting ? createExtractor({ regex: args.extract, jsonField: args.extractJson }) : undefined;
  const provider = resolveProvider({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
  const io = createOutput(secretsFromEnv(process.env));
  io.addSecret(provider.apiKey);
  const err = io.err;

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
  } else {
    const prompt = await readPrompt(args.prompt ?? [], { mode: 'fallback', hint: ' (or use --input prompts.jsonl)' });
    source = promptSource(prompt, args.n!, crossing);
  }
  const personas = await resolvePersonas(personaNames);
  const client = await startClient(args, provider);
  return {
    args,
    provider,
    source,
    personas,
    extract,
    invalid,
    client,
    err,
    finish(report) {
      const summary = invalid > 0 ? { ...report, invalid } : report;
      io.out(args.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary, args.out));
      if (report.interrupted) return EXIT_INTERRUPTED;
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

async function runDirect(setup: RunSetup, signal: AbortSignal): Promise<number> {
  const { args } = setup;
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
    ...(args.timeout !== undefined ? { timeoutMs: args.timeout * 1000 } : {}),
    rateLimit: buildLimiter(args),
    adaptive: args.adaptive !== false,
    ...(args.out !== undefined ? { out: args.out } : {}),
    resume: args.resume === true,
    retryFailed: args.retryFailed === true,
    ...(setup.extract ? { extract: setup.extract } : {}),
    ...(earlyStop ? { earlyStop } : {}),
    signal,
    progress: true,
    onResume: (scan, skipped) => setup.resumeNote(scan, skipped, setup.source.n),
  });
  return setup.finish(report);
}

/** `swarm [prompt..]`: returns the exit code (0 all ok, 1 some failed, 130 interrupted). */
export async function runCommand(args: RunArgs): Promise<number> {
  const setup = await prepare(args);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    if (args.batchApi) {
      const { runBatchApi } = await import('./batch-run.js');
      return await runBatchApi(setup, controller.signal);
    }
    return await runDirect(setup, controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    await setup.client.close();
  }
}
