import { rmSync } from 'node:fs';
import { secretsFromEnv } from '@fanout/oracle';
import path from 'node:path';
import { SwarmAggregate } from '../aggregate.js';
import type { SwarmCost } from '../cost/swarm-cost.js';
import { progressLine } from '../progress.js';
import type { Extractor } from '../extract.js';
import type { RequestOptions } from '../request-builder.js';
import type { ResultRecord } from '../result-record.js';
import { ResultsWriter } from '../results-writer.js';
import { scanResults } from '../resume-reader.js';
import type { SwarmReport } from '../run-swarm.js';
import type { ItemSource } from '../work-items.js';
import type { BatchBackend, BatchView } from './batch-backend.js';
import { fetchChunk } from './batch-results.js';
import { isRejected, pendingRunFor, saveState, type BatchRunState, type ChunkState } from './batch-state.js';
import { loadIds, loadPersonas, submit, submitNew } from './batch-submit.js';

export interface BatchSwarmOptions extends RequestOptions {
  /** The provider's batch API (`createBatchBackend`); a run on disk must be continued with the wire it was made with. */
  readonly backend: BatchBackend;
  /** The work. Not needed to finish a run already on disk (`state`). */
  readonly source?: ItemSource;
  /** Continue this run instead of submitting (`swarm batches fetch`). */
  readonly state?: BatchRunState;
  readonly out: string;
  /** Where run states live (see `stateDir`). */
  readonly stateDir: string;
  /** What the state records about the connection (never the key). */
  readonly connection: { readonly provider: string; readonly baseURL: string; readonly model: string };
  readonly resume?: boolean;
  readonly retryFailed?: boolean;
  readonly extract?: Extractor;
  /** Stored so a later `batches fetch` votes the same way. */
  readonly vote?: { readonly regex?: string; readonly jsonField?: string };
  /** Requests per batch. @default the API's limit (OpenAI 50,000; Anthropic 100,000) */
  readonly maxRequestsPerFile?: number;
  /** Bytes of requests per batch. @default the API's limit (OpenAI 200 MB, Anthropic 256 MB, Gemini 20 MB) */
  readonly maxBytesPerFile?: number;
  /** First wait between polls, in ms; it grows 1.5× per poll up to `maxPollMs`. @default 1000 */
  readonly pollMs?: number;
  /** @default 30,000 */
  readonly maxPollMs?: number;
  /** Stops waiting (batches keep running on the provider; `batches fetch` or `--resume` finishes). */
  readonly signal?: AbortSignal;
  readonly progress?: boolean;
  /** Diagnostics for stderr: submissions, batch ends, failures. */
  readonly onEvent?: (message: string) => void;
  readonly onResult?: (record: ResultRecord) => void;
  /** Texts redacted from every answer and error before they are written or voted on. @default the environment's keys */
  readonly secrets?: Iterable<string | undefined>;
  /** Price every answer (at the Batch API's discount: make the meter with `batch: true`). */
  readonly cost?: SwarmCost;
}

export interface BatchSwarmReport extends SwarmReport {
  readonly run_id?: string;
  readonly batches?: readonly string[];
  /** Batches the provider refused whole, e.g. failing validation (their items were not run). */
  readonly failed_batches?: readonly string[];
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function absorb(chunk: ChunkState, batch: BatchView): void {
  chunk.status = batch.status;
  chunk.ended = batch.ended;
  chunk.rejected = batch.rejected;
  if (batch.outputFileId !== undefined) chunk.output_file_id = batch.outputFileId;
  if (batch.errorFileId !== undefined) chunk.error_file_id = batch.errorFileId;
  if (batch.rejected) chunk.errors = [...(batch.errors ?? [])];
}

/**
 * The batch path (OpenAI's Batch API, Anthropic's Message Batches or Gemini's batch mode, by
 * `backend`): writes the work as batch input files (split at the API's limits), submits one batch
 * per file, polls with backoff, and writes every answer to the same
 * results.jsonl, with the same summary (votes included), as the direct path. The run's state is on
 * disk after every step, so a later process finishes what an earlier one submitted.
 */
export async function runBatchSwarm(options: BatchSwarmOptions): Promise<BatchSwarmReport> {
  const started = performance.now();
  const agg = new SwarmAggregate(options.extract, options.secrets ?? secretsFromEnv(process.env), options.cost);
  const out = path.resolve(options.out);
  let state = options.state ?? (options.resume ? pendingRunFor(options.stateDir, out) : undefined);
  const belongs = options.source ? (id: string) => options.source!.belongs(id) : () => true;
  const resuming = options.resume === true || options.state !== undefined;
  const scan = resuming
    ? scanResults(out, { dropFailed: options.retryFailed, onRecord: (r) => void (belongs(r.id) && agg.addPrior(r)) })
    : undefined;
  const done = new Set(scan?.ids ?? []);
  if (!state) {
    if (!options.source) throw new Error('runBatchSwarm needs a source or a state');
    state = submitNew(options, done, agg.skipped);
  }
  const n = state?.n ?? options.source?.n ?? 0;
  if (!state) return { ...agg.summary(n, performance.now() - started) };
  const run = state;

  const writer = new ResultsWriter(out, { append: resuming });
  const personas = loadPersonas(run);
  const total = run.chunks.reduce((sum, c) => sum + c.count, 0);
  const progress = options.progress ? progressLine(`batch ${run.id}`, total) : undefined;
  const ctx = { backend: options.backend, writer, agg, done, personas, ids: loadIds(run), onResult: options.onResult };
  let delay = options.pollMs ?? 1000;
  const maxDelay = Math.max(delay, options.maxPollMs ?? 30_000);
  let interrupted = false;
  try {
    await submit(options, run);
    for (;;) {
      let pending = 0;
      let finished = 0;
      let failedCount = 0;
      for (const chunk of run.chunks) {
        if (chunk.fetched || isRejected(chunk)) continue;
        const batch = await options.backend.retrieve(chunk.batch_id!);
        absorb(chunk, batch);
        if (!batch.ended) {
          pending++;
          finished += batch.done;
          failedCount += batch.failed;
          continue;
        }
        if (batch.rejected) {
          options.onEvent?.(`batch ${batch.id} was refused (${batch.status}): ${chunk.errors?.slice(0, 3).join('; ') || 'no reason given'}`);
        } else {
          const lines = await fetchChunk(chunk, ctx);
          chunk.fetched = true;
          // The provider holds the requests; the local copy is no longer needed.
          rmSync(chunk.input, { force: true });
          options.onEvent?.(`batch ${batch.id} ${batch.status}: ${lines} results written`);
        }
        saveState(options.stateDir, run);
      }
      progress?.update({ done: agg.answered + finished, failed: agg.failed + failedCount });
      if (pending === 0) break;
      if (options.signal?.aborted) {
        interrupted = true;
        options.onEvent?.(`stopped waiting; run ${run.id} keeps going on the provider: finish with \`swarm batches fetch ${run.id}\` or --resume`);
        break;
      }
      await sleep(delay, options.signal);
      delay = Math.min(maxDelay, delay * 1.5);
    }
  } finally {
    writer.close({ sync: true });
    progress?.stop();
    saveState(options.stateDir, run);
  }
  const failedBatches = run.chunks.filter(isRejected).map((c) => c.batch_id!);
  return {
    ...agg.summary(n, performance.now() - started),
    run_id: run.id,
    batches: run.chunks.map((c) => c.batch_id!).filter(Boolean),
    ...(failedBatches.length > 0 ? { failed_batches: failedBatches } : {}),
    ...(interrupted ? { interrupted: true } : {}),
  };
}
