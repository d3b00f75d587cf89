import { RateLimiter } from '@fanout/parallel-core';
import { createClient, findPersonas, redact, resolveProvider, type OracleClient, type Persona } from '@fanout/oracle';
import { EarlyStop } from '../early-stop.js';
import { UsageError } from '../errors.js';
import { createExtractor } from '../extract.js';
import { readInput, scanInput } from '../input-reader.js';
import { runSwarm } from '../run-swarm.js';
import { formatSummary } from '../summary.js';
import { inputSource, promptSource, type ItemSource } from '../work-items.js';
import { describeError, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK } from './exit-codes.js';
import { readPrompt } from './read-prompt.js';
import { checkRunArgs, personaList, type RunArgs } from './run-args.js';

// Without --rpm/--tpm the limiter only follows what the server says (x-ratelimit-remaining-* at 0
// pauses until x-ratelimit-reset-*; retry-after pauses). parallel-core's RateLimiter needs a rate,
// so it gets one no client reaches.
const UNPACED_RPM = 1e9;

async function resolvePersonas(names: readonly string[]): Promise<Map<string, Persona>> {
  if (names.length === 0) return new Map();
  const found = await findPersonas([...names]);
  return new Map(names.map((name, i) => [name, found[i]!]));
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

async function startClient(args: RunArgs, provider: ReturnType<typeof resolveProvider>): Promise<OracleClient> {
  const client = createClient({
    resolved: provider,
    concurrency: args.concurrency ?? 50,
    sim: {
      ...(args.simLatencyMs !== undefined ? { latencyMs: args.simLatencyMs } : {}),
      ...(args.simRules !== undefined ? { rules: args.simRules } : {}),
      ...(args.simErrorRate !== undefined ? { errorRate: args.simErrorRate } : {}),
      ...(args.simRpm !== undefined ? { rpm: args.simRpm } : {}),
    },
  });
  if (provider.name === 'sim') {
    // Start llm-sim now so a bad --sim-rules file is a usage error, not N failed items.
    try {
      await client.baseURL();
    } catch (error) {
      await client.close();
      throw new UsageError(`--provider sim: ${describeError(error)}`);
    }
  }
  return client;
}

/** `swarm [prompt..]`: returns the exit code (0 all ok, 1 some failed, 130 interrupted). */
export async function runCommand(args: RunArgs): Promise<number> {
  checkRunArgs(args);
  const crossing = personaList(args.personas);
  const voting = Boolean(args.vote || args.earlyStop || args.extract !== undefined || args.extractJson !== undefined);
  const extract = voting ? createExtractor({ regex: args.extract, jsonField: args.extractJson }) : undefined;
  const earlyStop = args.earlyStop ? new EarlyStop({ confidence: args.confidence, minSamples: args.minSamples }) : undefined;
  const provider = resolveProvider({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
  const secrets = [provider.apiKey];
  const err = (text: string) => void process.stderr.write(redact(text, secrets));

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
    source = promptSource(await readPrompt(args.prompt ?? []), args.n!, crossing);
  }
  const personas = await resolvePersonas(personaNames);

  const client = await startClient(args, provider);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const report = await runSwarm({
      client,
      source,
      personas,
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
      ...(extract ? { extract } : {}),
      ...(earlyStop ? { earlyStop } : {}),
      signal: controller.signal,
      progress: true,
      onResume(scan, skipped) {
        const notes = [`${skipped} of ${source.n} already done`];
        if (scan.truncatedBytes > 0) notes.push(`dropped a torn last line (${scan.truncatedBytes} bytes)`);
        if (scan.dropped > 0) notes.push(`running ${scan.dropped} failed again`);
        if (scan.invalid > 0) notes.push(`${scan.invalid} unreadable lines left as they are`);
        err(`swarm: resuming ${args.out}: ${notes.join(', ')}\n`);
      },
    });
    const summary = invalid > 0 ? { ...report, invalid } : report;
    process.stdout.write(redact(args.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary, args.out), secrets));
    if (report.interrupted) return EXIT_INTERRUPTED;
    return report.failed > 0 ? EXIT_FAILED : EXIT_OK;
  } finally {
    process.off('SIGINT', onSigint);
    await client.close();
  }
}
