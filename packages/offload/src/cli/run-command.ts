import { EXIT_BUDGET, budgetLimits, createClient, resolveProvider } from '@fanout/oracle';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from '@fanout/cli-kit/errors';
import { createOutput, secretsFromEnv, simOptions, startEarly } from '@fanout/oracle/llm-cli';
import { createProgress, type ProgressReporter } from '@fanout/parallel-core';
import { OffloadBudgetError } from '../errors.js';
import { formatAnswer } from '../format.js';
import { offload } from '../offload.js';
import { planOffload } from '../plan.js';
import type { OffloadOptions } from '../types.js';
import { checkArgs, parsePrice, type OffloadArgs } from './args.js';
import { readStdin, stdinHasInput } from './read-stdin.js';
import { budgetStopLine, planRefusal } from './budget-cli.js';
import { formatPlan, formatReport } from './report.js';

/** The library's options from the flags, with stdin read when it is the corpus. */
async function optionsFrom(args: OffloadArgs): Promise<OffloadOptions> {
  const question = args.question === undefined ? '' : String(args.question);
  if (question.trim() === '') throw new UsageError('no question: pass it as the first argument, e.g. offload "Where is X configured?" src/');
  const given = (args.paths ?? []).map(String);
  const paths = given.filter((p) => p !== '-');
  const wantStdin = given.length === 0 || paths.length < given.length;
  let stdin: string | undefined;
  if (wantStdin) {
    if (!stdinHasInput()) throw new UsageError('nothing to read: give paths (files, directories, globs) or pipe text on stdin');
    stdin = await readStdin();
  }
  const price = parsePrice(args.price);
  return {
    question,
    paths,
    ...(stdin !== undefined ? { stdin } : {}),
    ...(args.provider !== undefined ? { provider: args.provider } : {}),
    ...(args.baseUrl !== undefined ? { baseUrl: args.baseUrl } : {}),
    ...(args.model !== undefined ? { model: args.model } : {}),
    ...(args.mapModel !== undefined ? { mapModel: args.mapModel } : {}),
    ...(args.reduceModel !== undefined ? { reduceModel: args.reduceModel } : {}),
    ...(args.budget !== undefined ? { budget: args.budget } : {}),
    ...(args.chunkTokens !== undefined ? { chunkTokens: args.chunkTokens } : {}),
    ...(args.maxFileKb !== undefined ? { maxFileBytes: Math.round(args.maxFileKb * 1024) } : {}),
    ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
    ...(args.retries !== undefined ? { retries: args.retries } : {}),
    ...(args.timeout !== undefined ? { timeoutMs: args.timeout * 1000 } : {}),
    ...(args.rpm !== undefined ? { rpm: args.rpm } : {}),
    ...(args.tpm !== undefined ? { tpm: args.tpm } : {}),
    ...(price ? { price } : {}),
    ...(args.expectOutputTokens !== undefined ? { expectOutputTokens: args.expectOutputTokens } : {}),
    ...(budgetLimits(args) ? { limits: budgetLimits(args)! } : {}),
    includeUntracked: args.includeUntracked === true,
    keepUnverified: args.keepUnverified === true,
    ...(args.cache === false ? { cacheDir: false } : args.cacheDir !== undefined ? { cacheDir: args.cacheDir } : {}),
  };
}

/** `offload [question] [paths..]`: returns the exit code (0 done, 1 chunks failed, 130 interrupted). */
export async function offloadCommand(args: OffloadArgs): Promise<number> {
  checkArgs(args);
  const io = createOutput(secretsFromEnv(process.env));
  const options = await optionsFrom(args);
  if (args.dryRun) {
    const plan = await planOffload(options);
    io.out(args.json ? `${JSON.stringify({ dry_run: true, ...plan })}\n` : formatPlan(plan));
    for (const w of plan.warnings) io.err(`offload: warning: ${w}\n`);
    return EXIT_OK;
  }
  if (options.limits) {
    // Refused before anything is sent when the estimate is already over a limit.
    const refusal = planRefusal(args, await planOffload(options));
    if (refusal) {
      io.err(refusal);
      return EXIT_BUDGET;
    }
  }

  const provider = resolveProvider({ provider: args.provider, baseURL: args.baseUrl, model: args.model });
  io.addSecret(provider.apiKey);
  const sim = { ...simOptions(args), ...(args.simFabricateRate !== undefined ? { fabricateRate: args.simFabricateRate } : {}) };
  const client = createClient({ resolved: provider, concurrency: options.concurrency ?? 50, sim });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let progress: ProgressReporter | undefined;
  try {
    // For --provider sim: a bad --sim-rules file is a usage error, not N failed chunks.
    await startEarly(client);
    const result = await offload({
      ...options,
      client,
      signal: controller.signal,
      onProgress({ done, total }) {
        progress ??= createProgress({ label: 'offload', total, ...(process.stderr.columns > 0 ? {} : { enabled: false }) });
        progress.update({ done, total });
      },
    });
    progress?.stop({ clear: true });
    io.out(args.json ? `${JSON.stringify(result)}\n` : formatAnswer(result));
    io.err(formatReport(result.stats, result.skipped, result.warnings));
    return result.stats.failed_chunks > 0 ? EXIT_FAILED : EXIT_OK;
  } catch (error) {
    progress?.stop({ clear: true });
    if (error instanceof OffloadBudgetError) {
      io.err(budgetStopLine(error, args));
      return EXIT_BUDGET;
    }
    if (!controller.signal.aborted) throw error;
    io.err('offload: interrupted; what the readers returned is cached: run the same command again to continue\n');
    return EXIT_INTERRUPTED;
  } finally {
    process.off('SIGINT', onSigint);
    await client.close();
  }
}
