import { rmSync } from 'node:fs';
import { secretsFromEnv } from '@fanout/oracle';
import path from 'node:path';
import { SwarmAggregate } from '../aggregate.js';
import { progressLine } from '../progress.js';
import type { Extractor } from '../extract.js';
import type { RequestOptions } from '../request-builder.js';
import type { ResultRecord } from '../result-record.js';
import { ResultsWriter } from '../results-writer.js';
import { scanResults } from '../resume-reader.js';
import type { SwarmReport } from '../run-swarm.js';
import type { ItemSource } from '../work-items.js';
import type { BatchApi, BatchObject } from './batch-api.js';
import { fetchChunk } from './batch-results.js';
import { pendingRunFor, saveState, type BatchRunState, type ChunkState } from './batch-state.js';
import { loadPersonas, submit, submitNew } from './batch-submit.js';

export interface BatchSwarmOptions extends RequestOptions {
  readonly api: BatchApi;
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
  /** @default 50,000 (the API's limit) */
  readonly maxRequestsPerFile?: number;
  /** @default 200 MB (the API's limit) */
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
}

export interface BatchSwarmReport extends SwarmReport {
  readonly run_id?: string;
  readonly batches?: readonly string[];
  /** Batches that failed validation (their items were not run). */
  readonly failed_batches?: readonly string[];
}

const TERMINAL = new Set(['completed', 'expired', 'cancelled', 'failed']);

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

function absorb(chunk: ChunkState, batch: BatchObject): void {
  chunk.status = batch.status;
  chunk.output_file_id = batch.output_file_id ?? null;
  chunk.error_file_id = batch.error_file_id ?? null;
  if (batch.status === 'failed') chunk.errors = (batch.errors?.data ?? []).map((e) => `${e.line != null ? `line ${e.line}: ` : ''}${e.message ?? e.code ?? 'failed'}`);
}

/**
 * The Batch API path: writes the work as batch input files (split at the API's limits), uploads
 * them, creates one batch per file, polls with backoff, and writes every answer to the same
 * results.jsonl, with the same summary (votes included), as the direct path. The run's state is on
 * disk after every step, so a later process finishes what an earlier one submitted.
 */
export async function runBatchSwarm(options: BatchSwarmOptions): Promise<BatchSwarmReport> {
  const started = performance.now();
  const agg = new SwarmAggregate(options.extract, options.secrets ?? secretsFromEnv(process.env));
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
  const ctx = { api: options.api, writer, agg, done, personas, onResult: options.onResult };
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
        if (chunk.fetched || chunk.status === 'failed') continue;
        const batch = await options.api.retrieve(chunk.batch_id!);
        absorb(chunk, batch);
        if (!TERMINAL.has(batch.status)) {
          pending++;
          finished += batch.request_counts?.completed ?? 0;
          failedCount += batch.request_counts?.failed ?? 0;
          continue;
        }
        if (batch.status === 'failed') {
          options.onEvent?.(`batch ${batch.id} failed validation: ${chunk.errors?.slice(0, 3).join('; ') || 'no reason given'}`);
        } else {
          const lines = await fetchChunk(chunk, ctx);
          chunk.fetched = true;
          // The provider keeps the uploaded file; the local copy is no longer needed.
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
  const failedBatches = run.chunks.filter((c) => c.status === 'failed').map((c) => c.batch_id!);
  return {
    ...agg.summary(n, performance.now() - started),
    run_id: run.id,
    batches: run.chunks.map((c) => c.batch_id!).filter(Boolean),
    ...(failedBatches.length > 0 ? { failed_batches: failedBatches } : {}),
    ...(interrupted ? { interrupted: true } : {}),
  };
}
