import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequestBuilder } from '../request-builder.js';
import { MAX_BYTES_PER_FILE, MAX_REQUESTS_PER_FILE, writeBatchInput } from './batch-input.js';
import { PRIVATE_DIR, PRIVATE_FILE, newRunId, runDir, saveState, type BatchRunState } from './batch-state.js';
import type { BatchSwarmOptions } from './run-batch.js';

/** The id → persona sidecar of a run (empty when its items carry none). */
export function loadPersonas(state: BatchRunState): Map<string, string> {
  if (!state.personas_file) return new Map();
  return new Map(Object.entries(JSON.parse(readFileSync(state.personas_file, 'utf8')) as Record<string, string>));
}

/** Writes the input files of the items not `done` and saves a new run state; undefined when nothing is left. */
export function submitNew(options: BatchSwarmOptions, done: ReadonlySet<string>, skipped: number): BatchRunState | undefined {
  const source = options.source!;
  const id = newRunId();
  const dir = runDir(options.stateDir, id);
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const build = createRequestBuilder(options);
  const written = writeBatchInput(source.items(done), build, options.connection.model, dir, {
    maxRequests: options.maxRequestsPerFile ?? MAX_REQUESTS_PER_FILE,
    maxBytes: options.maxBytesPerFile ?? MAX_BYTES_PER_FILE,
  });
  if (written.total === 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  let personasFile: string | undefined;
  if (written.personas.size > 0) {
    personasFile = path.join(dir, 'personas.json');
    writeFileSync(personasFile, JSON.stringify(Object.fromEntries(written.personas)), { mode: PRIVATE_FILE });
  }
  const state: BatchRunState = {
    v: 1,
    id,
    created_at: new Date().toISOString(),
    provider: options.connection.provider,
    base_url: options.connection.baseURL,
    model: options.connection.model,
    out: path.resolve(options.out),
    ...(options.vote ? { vote: options.vote } : {}),
    n: source.n,
    skipped,
    ...(personasFile ? { personas_file: personasFile } : {}),
    chunks: written.chunks.map((c) => ({ input: c.input, count: c.count })),
  };
  saveState(options.stateDir, state);
  return state;
}

/** Uploads and creates whatever an earlier process (or this one) has not yet; saves after each step. */
export async function submit(options: BatchSwarmOptions, state: BatchRunState): Promise<void> {
  for (const chunk of state.chunks) {
    if (!chunk.file_id) {
      chunk.file_id = await options.api.upload(chunk.input);
      saveState(options.stateDir, state);
    }
    if (!chunk.batch_id) {
      const batch = await options.api.create(chunk.file_id, { fanout_run: state.id });
      chunk.batch_id = batch.id;
      chunk.status = batch.status;
      saveState(options.stateDir, state);
      options.onEvent?.(`submitted ${batch.id} (${chunk.count} requests) for run ${state.id}`);
    }
  }
}
