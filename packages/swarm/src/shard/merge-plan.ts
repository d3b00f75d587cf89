import { realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { MergeError, ResultsFileError } from '../errors.js';
import { madeFromFile, readResultsRecord, type MadeFrom, type ShardRecord } from '../results-file.js';

/** One results file to merge, with what its `<file>.swarm.json` says. */
export interface MergeInput {
  readonly file: string;
  readonly shard: ShardRecord | undefined;
  readonly madeFrom: MadeFrom | undefined;
}

/** What the inputs add up to, checked before any line is read. */
export interface MergePlan {
  readonly inputs: readonly MergeInput[];
  /** Shards of how many, when every input is a recorded shard. */
  readonly shardCount: number | undefined;
  /** Items the inputs should hold together (the shards' recorded totals), when known. */
  readonly expected: number | undefined;
  /** The work they were all made from, without the shard (recorded for the merged file). */
  readonly madeFrom: MadeFrom | undefined;
}

function withoutShard(madeFrom: MadeFrom): MadeFrom {
  const { shard: _shard, ...rest } = madeFrom;
  return rest;
}

function differences(a: MadeFrom, b: MadeFrom): string[] {
  return Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);
}

function readInputRecord(file: string): MergeInput {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    throw new ResultsFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  if (!stat.isFile()) throw new ResultsFileError(`${file} is not a regular file: merge reads results files`);
  const record = readResultsRecord(madeFromFile(realpathSync(file)));
  return { file, shard: record.shard, madeFrom: record.made_from && withoutShard(record.made_from) };
}

/** Checks the shards cover 1..k once each: names a doubled or missing shard. */
function checkShards(inputs: readonly MergeInput[]): { count: number; expected: number } {
  const count = inputs[0]!.shard!.count;
  const byIndex = new Map<number, string>();
  for (const input of inputs) {
    const shard = input.shard!;
    if (shard.count !== count)
      throw new MergeError(`${input.file} is shard ${shard.index}/${shard.count} but ${inputs[0]!.file} is one of ${count}: merge the shards of one split`);
    const other = byIndex.get(shard.index);
    if (other !== undefined) throw new MergeError(`${other} and ${input.file} are both shard ${shard.index}/${count}`);
    byIndex.set(shard.index, input.file);
  }
  const missing: number[] = [];
  for (let i = 1; i <= count; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length > 0) {
    throw new MergeError(`shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: give every shard's results file`);
  }
  return { count, expected: inputs.reduce((sum, input) => sum + input.shard!.items, 0) };
}

/**
 * Reads each input's record and checks that they belong together: the same work and settings (all
 * but the shard), and — when they are shards — every shard of one split exactly once. Throws
 * MergeError / ResultsFileError with one line naming the files.
 */
export function planMerge(files: readonly string[], out: string): MergePlan {
  if (files.length === 0) throw new MergeError('swarm merge needs results files to join: swarm merge OUT IN1 IN2 …');
  const inputs = files.map(readInputRecord);
  let outStat: Stats | undefined;
  try {
    outStat = statSync(out);
  } catch {
    // a new file
  }
  for (const input of inputs) {
    const s = statSync(input.file);
    if (outStat ? s.dev === outStat.dev && s.ino === outStat.ino : realpathSync(input.file) === path.resolve(out)) {
      throw new MergeError(`the merged file ${out} is also an input (${input.file}); name a new file`);
    }
  }
  const first = inputs.find((i) => i.madeFrom !== undefined);
  for (const input of inputs) {
    if (first === undefined || input.madeFrom === undefined) continue;
    const changed = differences(first.madeFrom!, input.madeFrom);
    if (changed.length > 0) {
      throw new MergeError(
        `${input.file} was made from a different ${changed.map((k) => k.replace(/_/g, ' ')).join(', ')} than ${first.file}: merge results of the same work`,
      );
    }
  }
  const sharded = inputs.filter((i) => i.shard !== undefined);
  if (sharded.length > 0 && sharded.length < inputs.length) {
    const plain = inputs.find((i) => i.shard === undefined)!;
    throw new MergeError(`${plain.file} is not a shard (no shard in its .swarm.json) but ${sharded[0]!.file} is: merge the shards of one split`);
  }
  const shards = sharded.length > 0 ? checkShards(inputs) : undefined;
  const complete = first !== undefined && inputs.every((i) => i.madeFrom !== undefined);
  return { inputs, shardCount: shards?.count, expected: shards?.expected, madeFrom: complete ? first.madeFrom : undefined };
}
