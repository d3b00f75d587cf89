import { closeSync, constants, openSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { ResultsFileError, UsageError } from './errors.js';
import { tryLock } from './file-lock.js';
import { fileKind } from './line-reader.js';

/**
 * What a results file was made from: the work and the request settings (hashes for long texts).
 * Recorded beside the file (`<out>.swarm.json`); a resume with different values is refused.
 */
export type MadeFrom = Readonly<Record<string, string | number | null>>;

export interface ClaimOptions {
  /** Finish what the file holds (it is read back, so it must be a regular file). @default false */
  readonly resume?: boolean;
  /** Empty a file that holds results (without `resume`), or resume despite a different `madeFrom`. @default false */
  readonly force?: boolean;
  /** The input file (`--input`): refused when it is the same file as the results. */
  readonly input?: string | undefined;
  readonly madeFrom?: MadeFrom;
  /** A `--shard` run: which share, and how many items it holds (what `swarm merge` checks against). */
  readonly shard?: ShardRecord;
}

/** The `shard` field of `<out>.swarm.json`. */
export interface ShardRecord {
  readonly index: number;
  readonly count: number;
  /** Items of the work in this shard. */
  readonly items: number;
}

/** What `<out>.swarm.json` holds (fields missing from older or hand-made files are undefined). */
export interface ResultsRecord {
  readonly made_from?: MadeFrom;
  readonly shard?: ShardRecord;
}

/** The results file, held: a regular file is locked until `release` (or the process's exit). */
export interface ResultsClaim {
  /** False for a FIFO or device (`/dev/stdout`): written as a stream, with no lock and no record. */
  readonly regular: boolean;
  release(): void;
}

function statOrUndefined(file: string, what: string): Stats | undefined {
  try {
    return statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ResultsFileError(`${what} ${file}: ${code ?? String(error)}`, { cause: error });
  }
}

/** `<out>.swarm.json`, beside the file the path leads to. */
export function madeFromFile(out: string): string {
  return `${out}.swarm.json`;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads `<out>.swarm.json` (the record file itself); an absent or unreadable one is an empty record. */
export function readResultsRecord(file: string): ResultsRecord {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isObject(value)) return {};
    const shard = value.shard;
    return {
      ...(isObject(value.made_from) ? { made_from: value.made_from as MadeFrom } : {}),
      ...(isObject(shard) && Number.isInteger(shard.index) && Number.isInteger(shard.count) && Number.isInteger(shard.items)
        ? { shard: shard as unknown as ShardRecord }
        : {}),
    };
  } catch {
    return {};
  }
}

const readMadeFrom = (file: string): MadeFrom | undefined => readResultsRecord(file).made_from;

/** Writes `<out>.swarm.json` (the record file itself) through a temporary file and a rename. */
export function writeResultsRecord(file: string, madeFrom: MadeFrom, shard?: ShardRecord): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ v: 1, tool: 'swarm', made_from: madeFrom, ...(shard ? { shard } : {}) }, null, 2)}\n`);
  renameSync(tmp, file);
}

/** A FIFO nobody reads would block the first write forever: ask without blocking. */
function checkFifoReader(out: string): void {
  try {
    closeSync(openSync(out, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ResultsFileError(`--out ${out} is a FIFO ${code === 'ENXIO' ? 'that nobody reads' : `that cannot be opened (${code})`}`, { cause: error });
  }
}

/**
 * Checks and takes the results file before a run writes to it: not the input file (through links
 * too: same device and inode), locked against a second swarm, never emptied by accident (a rerun
 * without `--resume` needs `--force`), and resumed only with the work it was made from.
 * Throws ResultsFileError / UsageError (one line each).
 */
export function claimResults(out: string, options: ClaimOptions = {}): ResultsClaim {
  const stat = statOrUndefined(out, '--out');
  if (stat && options.input !== undefined) {
    const input = statOrUndefined(options.input, '--input');
    if (input && input.dev === stat.dev && input.ino === stat.ino) {
      throw new UsageError(`--out ${out} is the same file as --input ${options.input}: the results would overwrite the prompts`);
    }
  }
  const kind = stat ? fileKind(stat) : undefined;
  if (stat && kind !== undefined) {
    if (stat.isDirectory()) throw new ResultsFileError(`--out ${out} is a directory; name a file, e.g. ${path.join(out, 'results.jsonl')}`);
    if (options.resume) throw new ResultsFileError(`--out ${out} is ${kind}: --resume reads the results back, so it needs a regular file`);
    if (stat.isFIFO()) checkFifoReader(out);
    return { regular: false, release() {} };
  }

  const target = stat ? realpathSync(out) : path.resolve(out);
  let lock;
  try {
    lock = tryLock(`${target}.lock`);
  } catch (error) {
    throw new ResultsFileError(`cannot lock ${out} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  if (!('release' in lock)) {
    throw new ResultsFileError(`${out} is being written by another swarm (pid ${lock.pid}); wait for it to finish or stop it`);
  }
  try {
    if (stat && stat.size > 0 && !options.resume && !options.force) {
      throw new ResultsFileError(`${out} already holds results (${stat.size} bytes): --resume finishes that run, --force empties it and starts over`);
    }
    if (options.madeFrom !== undefined) {
      const record = madeFromFile(target);
      const before = options.resume && stat && stat.size > 0 ? readMadeFrom(record) : undefined;
      const changed = before ? Object.keys({ ...before, ...options.madeFrom }).filter((k) => before[k] !== options.madeFrom![k]) : [];
      if (changed.length > 0 && !options.force) {
        throw new ResultsFileError(
          `--resume: ${out} was made from a different ${changed.map((k) => k.replace(/_/g, ' ')).join(', ')} (see ${path.basename(record)}); use ` +
            `the same work and flags, or --force to mix them`,
        );
      }
      if (changed.length === 0) writeResultsRecord(record, options.madeFrom, options.shard);
    }
  } catch (error) {
    lock.release();
    if (error instanceof ResultsFileError) throw error;
    throw new ResultsFileError(`cannot prepare ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  return { regular: true, release: lock.release };
}
