import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequestBuilder } from '../request-builder.js';
import { writeBatchInput } from './batch-input.js';
import { PRIVATE_DIR, PRIVATE_FILE, newRunId, runDir, saveState, type BatchRunState } from './batch-state.js';
import type { BatchSwarmOptions } from './run-batch.js';

function loadSidecar(file: string | undefined): Map<string, string> {
  if (!file) return new Map();
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
}

/** The id → persona sidecar of a run (empty when its items carry none). */
export function loadPersonas(state: BatchRunState): Map<string, string> {
  return loadSidecar(state.personas_file);
}

/** The custom id → item id sidecar of a run (empty when every item went under its own id). */
export function loadIds(state: BatchRunState): Map<string, string> {
  return loadSidecar(state.ids_file);
}

function writeSidecar(dir: string, name: string, map: ReadonlyMap<string, string>): string | undefined {
  if (map.size === 0) return undefined;
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(Object.fromEntries(map)), { mode: PRIVATE_FILE });
  return file;
}

/** Writes the input files of the items not `done` and saves a new run state; undefined when nothing is left. */
export function submitNew(options: BatchSwarmOptions, done: ReadonlySet<string>, skipped: number): BatchRunState | undefined {
  const source = options.source!;
  const id = newRunId();
  const dir = runDir(options.stateDir, id);
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const build = createRequestBuilder(options);
  const { backend } = options;
  const written = writeBatchInput(source.items(done), build, options.connection.model, dir, backend, {
    maxRequests: Math.min(options.maxRequestsPerFile ?? backend.maxRequests, backend.maxRequests),
    maxBytes: Math.min(options.maxBytesPerFile ?? backend.maxBytes, backend.maxBytes),
  });
  if (written.total === 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const personasFile = writeSidecar(dir, 'personas.json', written.personas);
  const idsFile = writeSidecar(dir, 'ids.json', written.ids);
  const state: BatchRunState = {
    v: 1,
    id,
    created_at: new Date().toISOString(),
    provider: options.connection.provider,
    wire: backend.wire,
    base_url: options.connection.baseURL,
    model: options.connection.model,
    out: path.resolve(options.out),
    ...(options.vote ? { vote: options.vote } : {}),
    n: source.n,
    skipped,
    ...(personasFile ? { personas_file: personasFile } : {}),
    ...(idsFile ? { ids_file: idsFile } : {}),
    chunks: written.chunks.map((c) => ({ input: c.input, count: c.count })),
  };
  saveState(options.stateDir, state);
  return state;
}

/** Submits whatever an earlier process (or this one) has not yet; saves after each step. */
export async function submit(options: BatchSwarmOptions, state: BatchRunState): Promise<void> {
  const save = () => saveState(options.stateDir, state);
  for (const chunk of state.chunks) {
    if (chunk.batch_id) continue;
    const batch = await options.backend.submit(chunk, state.id, save);
    chunk.batch_id = batch.id;
    chunk.status = batch.status;
    save();
    options.onEvent?.(`submitted ${batch.id} (${chunk.count} requests) for run ${state.id}`);
  }
}
