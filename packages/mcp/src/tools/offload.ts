// `offload`: a question about a corpus too large for the caller's context. Many cheap readers map the
// files in parallel, every quote is checked verbatim at the lines it cites, and one short answer
// comes back with its verified findings: the caller's context pays for the answer, not the corpus.
import type { OffloadResult } from '@fanout/offload';
import { z } from 'zod';
import { throttled } from '../progress.js';
import { providerArgs, withClient } from '../provider-args.js';
import { defineTool } from '../tool.js';

const PROGRESS_INTERVAL_MS = 100;
// Reader calls at once (the offload library's own default).
const CONCURRENCY = 50;

// Claude Code hands this JSON to the model: the answer and what backs it, not the list of every
// file skipped (a count says enough).
function data(result: OffloadResult) {
  const { answer, conflicts, stats, warnings } = result;
  const findings = result.findings
    .filter((f) => f.verified)
    .map(({ claim, file, line_start, line_end, quote }) => ({ claim, file, line_start, line_end, quote }));
  return { answer, findings, conflicts, stats, warnings, files_skipped: result.skipped.length };
}

export const offloadTool = defineTool({
  name: 'offload',
  title: 'Read a large corpus in parallel; get a short answer with verified quotes',
  description:
    'Answer a question about many files (a whole repository, logs, docs) without reading them into this context: cheap reader models each read one ' +
      'chunk in parallel, every quoted line is verified at the file:line it cites, and a short answer comes back citing its findings. Use it ' +
      'instead of reading dozens of files yourself. Answers for unchanged files are cached, so asking again is cheap.',
  inputSchema: {
    question: z.string().trim().min(1).describe('What the readers should look for, e.g. "Where are webhook signatures verified, and with which secret?"'),
    paths: z
      .array(z.string().min(1))
      .min(1)
      .max(200)
      .optional()
      .describe('Files, directories or globs to read, relative to the project directory (directories are read git-aware). Default: ["."], the whole project.'),
    budget: z.number().int().min(16).max(20_000).optional().describe('Most tokens the answer may take (default 800).'),
    ...providerArgs,
  },
  readOnly: true,
  async run(args, { signal, cwd, ...context }) {
    const progress = throttled(context.progress, PROGRESS_INTERVAL_MS);
    const { formatAnswer, offload } = await import('@fanout/offload');
    const result = await withClient(args, CONCURRENCY, (client) =>
      offload({
        question: args.question,
        paths: args.paths ?? ['.'],
        ...(args.budget === undefined ? {} : { budget: args.budget }),
        ...(args.model === undefined ? {} : { model: args.model }),
        client,
        cwd,
        signal,
        onProgress: ({ done, total }) => progress(done, total, `${done} of ${total} chunks read`),
      }),
    );
    const warnings = result.warnings.length > 0 ? `\n\nWarnings:\n${result.warnings.map((w) => `- ${w}`).join('\n')}` : '';
    const { stats } = result;
    const footer = `\n\n(${stats.files} files, ${stats.chunks} chunks read by ${stats.map_calls} calls, ${stats.cache_hits} from cache; ` +
      `${stats.tokens_read} tokens read for ${stats.tokens_answer} returned)`;
    return { text: `${formatAnswer(result).trimEnd()}${warnings}${footer}`, data: data(result) };
  },
});
