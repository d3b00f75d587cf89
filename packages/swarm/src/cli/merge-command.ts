import { EXIT_FAILED, EXIT_OK } from '@fanout/cli-kit/errors';
import { createOutput, secretsFromEnv } from '@fanout/oracle/llm-cli';
import { ResultsFileError } from '../errors.js';
import { createExtractor } from '../extract.js';
import { claimResults } from '../results-file.js';
import { mergeResults, type MergeSummary } from '../shard/merge-results.js';
import { voteLines } from '../summary.js';
import { formatCount as int } from '@fanout/cli-kit/format';

export interface MergeArgs {
  readonly out: string;
  readonly inputs: readonly string[];
  readonly force?: boolean | undefined;
  readonly vote?: boolean | undefined;
  readonly extract?: string | undefined;
  readonly extractJson?: string | undefined;
  readonly json?: boolean | undefined;
}


/** The plain-text summary of a merge. */
export function formatMergeSummary(s: MergeSummary, out: string): string {
  const from = s.shards !== undefined ? `${s.shards} shards` : `${s.files} files`;
  const lines = [
    `swarm merge: ${int(s.n)} items from ${from}, ${int(s.ok)} ok, ${int(s.failed)} ` +
      `failed${s.invalid ? ` (${int(s.invalid)} unreadable lines left out)` : ''}; each id once`,
    `tokens ${int(s.tokens.prompt)} in, ${int(s.tokens.completion)} out`,
  ];
  lines.push(...voteLines(s));
  lines.push(`results: ${out}`);
  return `${lines.join('\n')}\n`;
}

/** `swarm merge OUT IN…`: 0 merged, 1 merged but some items had failed, 2 the files do not add up. */
export async function mergeCommand(args: MergeArgs): Promise<number> {
  const secrets = secretsFromEnv(process.env);
  const io = createOutput(secrets);
  const voting = Boolean(args.vote || args.extract !== undefined || args.extractJson !== undefined);
  const extract = voting ? createExtractor({ regex: args.extract, jsonField: args.extractJson }) : undefined;
  const claim = claimResults(args.out, { force: args.force === true });
  try {
    if (!claim.regular) throw new ResultsFileError(`${args.out} is not a regular file: merge writes a results file beside it and renames it into place`);
    const summary = mergeResults(args.out, args.inputs, { ...(extract ? { extract } : {}), secrets });
    io.out(args.json ? `${JSON.stringify(summary)}\n` : formatMergeSummary(summary, args.out));
    return summary.failed > 0 ? EXIT_FAILED : EXIT_OK;
  } finally {
    claim.release();
  }
}
