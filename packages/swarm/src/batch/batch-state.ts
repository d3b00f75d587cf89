import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SwarmError } from '../errors.js';
import type { BatchWire } from './batch-backend.js';

/** One uploaded input file and its batch, as far as this machine knows. */
export interface ChunkState {
  /** Local copy of the input JSONL. */
  readonly input: string;
  readonly count: number;
  file_id?: string;
  batch_id?: string;
  status?: string;
  output_file_id?: string | null;
  error_file_id?: string | null;
  /** Processing is over (its results can be read). */
  ended?: boolean;
  /** Its results are in the results file. */
  fetched?: boolean;
  /** The provider refused the batch whole: none of its requests ran. */
  rejected?: boolean;
  /** Why a refused batch was refused. */
  errors?: string[];
}

/** A `swarm --batch-api` run, kept on disk so another process can finish it. */
export interface BatchRunState {
  readonly v: 1;
  readonly id: string;
  readonly created_at: string;
  readonly provider: string;
  /** The batch API spoken (absent in runs made before there was a choice: OpenAI's). */
  readonly wire?: BatchWire;
  readonly base_url: string;
  readonly model: string;
  /** Absolute path of the results file. */
  readonly out: string;
  readonly vote?: { readonly regex?: string; readonly jsonField?: string };
  /** Items in the whole work, and those already done before submitting. */
  readonly n: number;
  readonly skipped: number;
  /** id → persona sidecar (JSON object file), when items carry personas. */
  readonly personas_file?: string;
  /** custom id → item id sidecar (JSON object file), when some ids had to be sent as other custom ids. */
  readonly ids_file?: string;
  readonly chunks: ChunkState[];
}

/** Where run states live: `--state-dir`, else $FANOUT_BATCH_DIR, else `.fanout/batches` here. */
export function stateDir(flag: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return path.resolve(flag ?? env['FANOUT_BATCH_DIR'] ?? path.join('.fanout', 'batches'));
}

export function newRunId(): string {
  return `swr_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function runDir(dir: string, id: string): string {
  return path.join(dir, id);
}

/**
 * Run directories hold the prompts (the batch input files): only their owner may read them, as with
 * every file swarm creates on its own (the results file the user names keeps the umask).
 */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** Saves a state atomically (temporary file + rename): a crash leaves the old or the new one. */
export function saveState(dir: string, state: BatchRunState): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const file = path.join(dir, `${state.id}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: PRIVATE_FILE });
  renameSync(tmp, file);
}

export function loadState(dir: string, id: string): BatchRunState {
  const file = path.join(dir, `${id}.json`);
  if (!existsSync(file)) throw new SwarmError('E_BATCH_UNKNOWN', `no batch run ${id} in ${dir}`);
  return JSON.parse(readFileSync(file, 'utf8')) as BatchRunState;
}

/** Every run in the directory, newest first. */
export function listStates(dir: string): BatchRunState[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as BatchRunState)
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
}

/** A run id, or the id of one of its batches. */
export function findState(dir: string, id: string): BatchRunState {
  if (id.startsWith('swr_')) return loadState(dir, id);
  const found = listStates(dir).find((s) => s.chunks.some((c) => c.batch_id === id));
  if (!found) throw new SwarmError('E_BATCH_UNKNOWN', `no batch run or batch ${id} in ${dir}`);
  return found;
}

/** Refused whole by the provider (`failed` is how runs made before `rejected` recorded it). */
export function isRejected(chunk: ChunkState): boolean {
  return chunk.rejected === true || (chunk.rejected === undefined && chunk.status === 'failed');
}

export function isFinished(state: BatchRunState): boolean {
  return state.chunks.every((c) => c.fetched === true || isRejected(c));
}

/** The newest unfinished run writing to `out`, if any (what `--resume` picks up). */
export function pendingRunFor(dir: string, out: string): BatchRunState | undefined {
  const abs = path.resolve(out);
  return listStates(dir).find((s) => s.out === abs && !isFinished(s));
}
