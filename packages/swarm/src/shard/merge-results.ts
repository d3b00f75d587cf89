import { closeSync, openSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { SwarmAggregate } from '../aggregate.js';
import { MergeError, ResultsFileError } from '../errors.js';
import { createExtractor, type Extractor } from '../extract.js';
import { NotAFileError, readLines } from '../line-reader.js';
import { madeFromFile, writeResultsRecord } from '../results-file.js';
import { parseRecord } from '../resume-reader.js';
import type { SwarmSummary } from '../summary.js';
import { planMerge, type MergeInput } from './merge-plan.js';
import { shardOf } from './shard.js';

export interface MergeOptions {
  /**
   * Extracts answers from `content` for lines written without `answer` (runs made without voting).
   * Without it, votes are tallied from the lines' `answer` fields, when they have them.
   */
  readonly extract?: Extractor;
  /** Texts redacted from re-extracted answers. */
  readonly secrets?: Iterable<string | undefined>;
}

/** The merged file's summary: the run summary's counts and votes, plus what was joined. */
export type MergeSummary = Pick<SwarmSummary, 'n' | 'ok' | 'failed' | 'tokens' | 'votes' | 'winner' | 'agreement' | 'unanswered'> & {
  /** Results files joined. */
  readonly files: number;
  /** Shards of how many, when the inputs were recorded shards. */
  readonly shards?: number;
  /** Unreadable lines left out (not JSON objects with a string id, or too long). */
  readonly invalid?: number;
};

interface Tally {
  answers: boolean;
  ok: number;
  failed: number;
  invalid: number;
  prompt: number;
  completion: number;
}

function countUsage(t: Tally, usage: unknown): void {
  if (usage === null || typeof usage !== 'object') return;
  const u = usage as { prompt_tokens?: unknown; completion_tokens?: unknown };
  if (typeof u.prompt_tokens === 'number') t.prompt += u.prompt_tokens;
  if (typeof u.completion_tokens === 'number') t.completion += u.completion_tokens;
}

/** Appends one input's lines to `fd`; every id once across all inputs, and in its own shard. */
function copyInput(
  input: MergeInput,
  index: number,
  fd: number,
  seen: Map<string, number>,
  files: readonly MergeInput[],
  agg: SwarmAggregate,
  t: Tally,
): number {
  let held = 0;
  try {
    for (const l of readLines(input.file)) {
      if (!l.terminated) throw new MergeError(`${input.file} ends in a torn line (its run was cut off): finish it with swarm … --resume, then merge`);
      if (l.text.length === 0) continue;
      const record = l.overlong ? undefined : parseRecord(l.text);
      if (!record) {
        t.invalid++;
        continue;
      }
      const before = seen.get(record.id);
      if (before !== undefined) {
        const where = before === index ? `twice in ${input.file}` : `in both ${files[before]!.file} and ${input.file}`;
        throw new MergeError(`id ${JSON.stringify(record.id)} is ${where}: each item must be answered once`);
      }
      const shard = input.shard;
      if (shard && shardOf(record.id, shard.count) !== shard.index) {
        throw new MergeError(`${input.file}:${l.line}: id ${JSON.stringify(record.id)} is not part of shard ${shard.index}/${shard.count}`);
      }
      seen.set(record.id, index);
      held++;
      if (record.error !== undefined) t.failed++;
      else t.ok++;
      countUsage(t, record.usage);
      if (record.answer !== undefined) t.answers = true;
      agg.addPrior(record);
      const line = `${l.text}\n`;
      for (let off = 0, buf = Buffer.from(line); off < buf.length; ) off += writeSync(fd, buf, off);
    }
  } catch (error) {
    if (error instanceof MergeError) throw error;
    if (error instanceof NotAFileError) throw new ResultsFileError(`${input.file} is ${error.kind}: merge reads results files`, { cause: error });
    throw new ResultsFileError(`cannot merge ${input.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  return held;
}

/**
 * Joins results files (typically the `--shard i/k` runs of one work) into `out`: every line copied
 * as it is, each id exactly once, each id in the shard its file was made for, the shards' recorded
 * totals all present, and the votes tallied across them. The merged file is written beside `out`
 * and renamed over it only when everything adds up; its `.swarm.json` records the work without the
 * shard, so an unsharded `--resume` can finish or retry it. Throws MergeError (nothing written).
 */
export function mergeResults(out: string, files: readonly string[], options: MergeOptions = {}): MergeSummary {
  const plan = planMerge(files, out);
  // The default extractor only reads lines without an `answer`; the tally shows when asked or when the runs voted.
  const agg = new SwarmAggregate(options.extract ?? createExtractor(), options.secrets);
  const t: Tally = { answers: false, ok: 0, failed: 0, invalid: 0, prompt: 0, completion: 0 };
  const seen = new Map<string, number>();
  const tmp = `${out}.merge-${process.pid}.tmp`;
  let fd = -1;
  try {
    fd = openSync(tmp, 'w');
    plan.inputs.forEach((input, i) => {
      const held = copyInput(input, i, fd, seen, plan.inputs, agg, t);
      if (input.shard && held < input.shard.items) {
        throw new MergeError(
          `${input.file} holds ${held} of the ${input.shard.items} items of shard ${input.shard.index}/${input.shard.count}: finish it with swarm ` +
            `… --shard ${input.shard.index}/${input.shard.count} --resume, then merge`,
        );
      }
    });
    if (plan.expected !== undefined && seen.size !== plan.expected) {
      throw new MergeError(`the shards hold ${seen.size} items but recorded ${plan.expected}`);
    }
    closeSync(fd);
    fd = -1;
    renameSync(tmp, out);
  } catch (error) {
    if (fd >= 0) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    throw error;
  }
  // Without a record from every input, an old record beside OUT would describe other results: drop it.
  if (plan.madeFrom) writeResultsRecord(madeFromFile(out), plan.madeFrom);
  else rmSync(madeFromFile(out), { force: true });
  const { votes, winner, agreement, unanswered } = agg.summary(seen.size, 0);
  return {
    n: seen.size,
    ok: t.ok,
    failed: t.failed,
    files: plan.inputs.length,
    ...(plan.shardCount !== undefined ? { shards: plan.shardCount } : {}),
    ...(t.invalid > 0 ? { invalid: t.invalid } : {}),
    tokens: { prompt: t.prompt, completion: t.completion },
    ...(options.extract || t.answers ? { votes, winner, agreement, ...(unanswered !== undefined ? { unanswered } : {}) } : {}),
  };
}
