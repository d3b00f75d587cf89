import { resolveProvider } from '@fanout/oracle';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK } from '@fanout/cli-kit/errors';
import { createOutput, escapeControl, secretsFromEnv } from '@fanout/oracle/llm-cli';
import { claimResults } from '../results-file.js';
import type { BatchBackend, BatchView } from '../batch/batch-backend.js';
import { createBatchBackend } from '../batch/create-backend.js';
import { findState, listStates, saveState, stateDir, type BatchRunState } from '../batch/batch-state.js';
import { runBatchSwarm } from '../batch/run-batch.js';
import { createExtractor } from '../extract.js';
import { UsageError } from '../errors.js';
import { formatSummary } from '../summary.js';

export interface BatchesArgs {
  readonly action: string;
  readonly id?: string | undefined;
  readonly stateDir?: string | undefined;
  readonly pollMs?: number | undefined;
  readonly json?: boolean | undefined;
}

async function connect(state: BatchRunState): Promise<{ backend: BatchBackend; key: string | undefined }> {
  // The key is read from the environment now; the state never holds one.
  const provider = resolveProvider({ provider: state.provider, baseURL: state.base_url, model: state.model });
  // Runs made before there was a choice of batch API used OpenAI's.
  const backend = await createBatchBackend(state.wire ?? 'openai', { baseURL: state.base_url, apiKey: provider.apiKey });
  return { backend, key: provider.apiKey };
}

async function statusOrCancel(backend: BatchBackend, batchId: string, cancel: boolean): Promise<BatchView> {
  const batch = await backend.retrieve(batchId);
  return cancel && !batch.ended ? backend.cancel(batchId) : batch;
}

function statusLine(state: BatchRunState): string {
  const batches = state.chunks.map((c) => `${c.batch_id ?? '(not submitted)'} ${c.status ?? 'local'}${c.fetched ? ', fetched' : ''}`).join('; ');
  const items = state.chunks.reduce((sum, c) => sum + c.count, 0);
  return `${state.id}  ${state.created_at}  ${items} requests → ${state.out}  [${batches}]`;
}

function need(id: string | undefined, action: string): string {
  if (!id) throw new UsageError(`swarm batches ${action} needs a run id (swr_…) or a batch id; see \`swarm batches list\``);
  return id;
}

/** `swarm batches list|status|cancel|fetch`: returns the exit code. */
export async function batchesCommand(args: BatchesArgs): Promise<number> {
  const dir = stateDir(args.stateDir);
  const io = createOutput(secretsFromEnv(process.env));
  if (args.action === 'list') {
    const states = listStates(dir);
    if (args.json) io.out(`${JSON.stringify(states)}\n`);
    else io.out(states.length === 0 ? `no batch runs in ${dir}\n` : `${states.map(statusLine).join('\n')}\n`);
    return EXIT_OK;
  }
  const state = findState(dir, need(args.id, args.action));
  const { backend, key } = await connect(state);
  io.addSecret(key);
  const only = args.id!.startsWith('swr_') ? undefined : args.id;
  const chunks = state.chunks.filter((c) => c.batch_id && (only === undefined || c.batch_id === only));

  if (args.action === 'status' || args.action === 'cancel') {
    const batches = [];
    for (const chunk of chunks) {
      const batch = await statusOrCancel(backend, chunk.batch_id!, args.action === 'cancel');
      chunk.status = batch.status;
      chunk.ended = batch.ended;
      batches.push(batch);
    }
    saveState(dir, state);
    if (args.json) io.out(`${JSON.stringify({ run: state.id, wire: state.wire ?? 'openai', out: state.out, batches: batches.map((b) => b.raw) })}\n`);
    else {
      const lines = batches.map((b) => `${b.id}  ${b.status}  ${b.done} done, ${b.failed} failed of ${b.total}`);
      io.out(escapeControl(`${state.id} → ${state.out}\n${lines.join('\n')}\n`, { keepNewlines: true }));
    }
    return EXIT_OK;
  }

  if (args.action === 'fetch') {
    const extract = state.vote ? createExtractor(state.vote) : undefined;
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    // Another swarm may be writing the same results file (`--resume` of the same run).
    const claim = claimResults(state.out, { resume: true });
    try {
      const report = await runBatchSwarm({
        backend,
        state,
        out: state.out,
        stateDir: dir,
        connection: { provider: state.provider, baseURL: state.base_url, model: state.model },
        ...(extract ? { extract } : {}),
        ...(args.pollMs !== undefined ? { pollMs: args.pollMs } : {}),
        signal: controller.signal,
        progress: true,
        onEvent: (message) => io.err(`swarm: ${escapeControl(message)}\n`),
        secrets: [...secretsFromEnv(process.env), key],
      });
      io.out(args.json ? `${JSON.stringify(report)}\n` : formatSummary(report, state.out));
      if (report.interrupted) return EXIT_INTERRUPTED;
      return report.failed > 0 ? EXIT_FAILED : EXIT_OK;
    } finally {
      claim.release();
      process.off('SIGINT', onSigint);
    }
  }
  throw new UsageError(`unknown action "${args.action}": expected list, status, cancel or fetch`);
}
