// Map results on disk, one JSONL file per (question, model, prompt version), one line per piece:
// {"k": key, "f": findings, "c": confidence}. Lines are appended as readers answer, so a run that is
// killed keeps what it paid for; a torn last line is skipped on reading. Holds findings only: no
// keys, no prompts, no file text.
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Piece } from './chunk/split-file.js';
import { MAP_PROMPT_VERSION } from './map/map-prompt.js';
import type { RawFinding } from './map/parse-findings.js';

export interface CachedPiece {
  readonly findings: readonly RawFinding[];
  readonly confidence: number;
}

export interface MapCache {
  get(key: string): CachedPiece | undefined;
  put(key: string, value: CachedPiece): void;
  /** Flushes; with `live`, rewrites the file with only those keys when stale lines outnumber them. Never throws. */
  close(live?: readonly string[]): Promise<void>;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** $XDG_CACHE_HOME/fanout/offload, else ~/.cache/fanout/offload. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'fanout', 'offload');
}

/** The cache key of a piece: its file, position and exact lines, under this question, model and prompt. */
export function pieceKey(piece: Piece, question: string, model: string): string {
  const head = [MAP_PROMPT_VERSION, model, question, piece.file, String(piece.startLine), ''].join('\0');
  return createHash('sha256').update(head).update(piece.text).digest('hex').slice(0, 32);
}

const NO_CACHE: MapCache = { get: () => undefined, put: () => undefined, close: async () => undefined };

/** Opens (creating) the cache of one question and model in `dir`; `false` gives a cache that keeps nothing. */
export async function openCache(dir: string | false, question: string, model: string, warn: (message: string) => void): Promise<MapCache> {
  if (dir === false) return NO_CACHE;
  const file = path.join(dir, `${sha([MAP_PROMPT_VERSION, model, question].join('\0'))}.jsonl`);
  const entries = new Map<string, CachedPiece>();
  let lines = 0;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    for (const line of text.split('\n')) {
      if (line === '') continue;
      lines++;
      try {
        const v = JSON.parse(line) as { k: string; f: RawFinding[]; c: number };
        if (typeof v.k === 'string' && Array.isArray(v.f)) entries.set(v.k, { findings: v.f, confidence: v.c });
      } catch {
        // A line torn by a kill: what it held is read again.
      }
    }
  } catch (error) {
    warn(`cache ${dir} cannot be used (${(error as NodeJS.ErrnoException).code ?? 'error'}); reading without it`);
    return NO_CACHE;
  }
  let stream: WriteStream | undefined;
  let failed = false;
  return {
    get: (key) => entries.get(key),
    put(key, value) {
      entries.set(key, value);
      if (failed) return;
      stream ??= createWriteStream(file, { flags: 'a', mode: 0o600 }).on('error', (error: NodeJS.ErrnoException) => {
        failed = true;
        warn(`cache ${file} cannot be written (${error.code ?? 'error'})`);
      });
      stream.write(`${JSON.stringify({ k: key, f: value.findings, c: value.confidence })}\n`);
      lines++;
    },
    async close(live) {
      if (stream) await new Promise<void>((resolve) => stream!.end(resolve));
      if (live === undefined || failed || lines <= 2 * live.length + 64) return;
      const kept = live.filter((k) => entries.has(k)).map((k) => JSON.stringify({ k, f: entries.get(k)!.findings, c: entries.get(k)!.confidence }));
      try {
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, kept.length > 0 ? `${kept.join('\n')}\n` : '', { mode: 0o600 });
        await rename(tmp, file);
      } catch {
        // Compaction is an optimisation; the appended file is still valid.
      }
    },
  };
}
