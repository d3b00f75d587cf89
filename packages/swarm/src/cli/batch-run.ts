import { escapeControl } from '@fanout/oracle/llm-cli';
import { batchWireFor } from '../batch/batch-backend.js';
import { createBatchBackend } from '../batch/create-backend.js';
import { UsageError } from '../errors.js';
import { runBatchSwarm } from '../batch/run-batch.js';
import { stateDir } from '../batch/batch-state.js';
import type { RunSetup } from './run-command.js';

/**
 * `swarm --batch-api …`: the same work through the provider's batch API — OpenAI's Batch API,
 * Anthropic's Message Batches or Gemini's batch mode, chosen by `--provider`.
 */
export async function runBatchApi(setup: RunSetup, signal: AbortSignal): Promise<number> {
  const { args, provider, client } = setup;
  const wire = batchWireFor(provider.name);
  if (!wire)
    throw new UsageError(`--batch-api needs a provider with a batch API (openai, anthropic, gemini, or sim to try it offline); ${provider.name} has none`);
  const baseURL = await client.baseURL();
  const backend = await createBatchBackend(wire, { baseURL, apiKey: provider.apiKey });
  const vote = args.extract !== undefined ? { regex: args.extract } : args.extractJson !== undefined ? { jsonField: args.extractJson } : {};
  const report = await runBatchSwarm({
    backend,
    source: setup.source,
    out: args.out!,
    stateDir: stateDir(args.stateDir),
    connection: { provider: provider.name, baseURL, model: provider.model },
    personas: setup.personas,
    ...(args.system !== undefined ? { system: args.system } : {}),
    ...(args.model !== undefined ? { model: args.model } : {}),
    ...(args.temperature !== undefined ? { temperature: args.temperature } : {}),
    ...(args.maxTokens !== undefined ? { maxTokens: args.maxTokens } : {}),
    resume: args.resume === true,
    retryFailed: args.retryFailed === true,
    ...(setup.extract ? { extract: setup.extract, vote } : {}),
    ...(args.batchMaxRequests !== undefined ? { maxRequestsPerFile: args.batchMaxRequests } : {}),
    ...(args.pollMs !== undefined ? { pollMs: args.pollMs } : {}),
    signal,
    progress: true,
    // Batch errors quote the provider: its control characters are shown, not sent to the terminal.
    onEvent: (message) => setup.err(`swarm: ${escapeControl(message)}\n`),
    secrets: setup.secrets,
    cost: setup.cost,
  });
  if (report.failed > 0) {
    setup.err(`swarm: ${report.failed} request${report.failed === 1 ? '' : 's'} failed in the batch; run them directly with --resume ` +
      `--retry-failed (without --batch-api)\n`);
  }
  return setup.finish(report);
}
