import { escapeControl } from '@fanout/oracle/cli-kit';
import { createBatchApi } from '../batch/batch-api.js';
import { runBatchSwarm } from '../batch/run-batch.js';
import { stateDir } from '../batch/batch-state.js';
import type { RunSetup } from './run-command.js';

/** `swarm --batch-api …`: the same work through the provider's Batch API. */
export async function runBatchApi(setup: RunSetup, signal: AbortSignal): Promise<number> {
  const { args, provider, client } = setup;
  const baseURL = await client.baseURL();
  const api = await createBatchApi({ baseURL, apiKey: provider.apiKey });
  const vote = args.extract !== undefined ? { regex: args.extract } : args.extractJson !== undefined ? { jsonField: args.extractJson } : {};
  const report = await runBatchSwarm({
    api,
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
  });
  if (report.failed > 0) {
    setup.err(`swarm: ${report.failed} request${report.failed === 1 ? '' : 's'} failed in the batch; run them directly with --resume --retry-failed (without --batch-api)\n`);
  }
  return setup.finish(report);
}
