// `council`: personas deliberate in rounds, seeing each other's answers anonymised, until the arbiter
// sees agreement or the round cap; the synthesis, a per-round summary and the transcript's path
// come back. Progress: one notification per round judged.
import { writeFile } from 'node:fs/promises';
import type { CouncilEvent, CouncilResult, CouncilRound } from '@fanout/council';
import { z } from 'zod';
import { invalidArgument } from '../errors.js';
import { newOutputFile, writableFile } from '../paths.js';
import type { ReportProgress } from '../progress.js';
import { providerArgs, withClient } from '../provider-args.js';
import { defineTool } from '../tool.js';
import { checkPersonaNames, personaListArg } from './persona-list.js';

const DEFAULT_PERSONAS = ['judge', 'critic', 'skeptic'];
const ARBITER = 'arbiter';

function roundSummary(round: CouncilRound) {
  return {
    round: round.round,
    answered: round.answers.filter((answer) => answer.error === undefined).map((answer) => answer.persona),
    failed: round.answers.filter((answer) => answer.error !== undefined).map((answer) => ({ persona: answer.persona, error: answer.error })),
    converged: round.verdict.converged,
    ...(round.verdict.parse_error ? { verdict_unreadable: round.verdict.parse_error } : {}),
    ...(round.verdict.error ? { arbiter_error: round.verdict.error } : {}),
  };
}

function roundLine(summary: ReturnType<typeof roundSummary>): string {
  const failed = summary.failed.length > 0 ? `; failed: ${summary.failed.map((f) => `${f.persona} (${f.error})`).join(', ')}` : '';
  return `- round ${summary.round}: ${summary.answered.length} answered${failed}; ${summary.converged ? 'converged' : 'not converged'}`;
}

function text(result: CouncilResult, rounds: ReturnType<typeof roundSummary>[], cap: number, transcript: string): string {
  const outcome =
    result.converged_at === null
      ? `No agreement after ${result.rounds.length} of ${cap} rounds; the last synthesis follows.`
      : `Converged at round ${result.converged_at} of ${cap}.`;
  return [outcome, '', 'Synthesis:', result.final.trim(), '', 'Rounds:', ...rounds.map(roundLine), '', `Transcript: ${transcript}`].join('\n');
}

function roundProgress(progress: ReportProgress, cap: number) {
  return (event: CouncilEvent): void => {
    if (event.type === 'round-start' && !event.speculative) progress(event.round - 1, cap, `round ${event.round} of ${cap}`);
    if (event.type === 'verdict') progress(event.round, cap, `round ${event.round}: ${event.converged ? 'converged' : 'not converged'}`);
  };
}

export const councilTool = defineTool({
  name: 'council',
  title: 'Council of personas deliberating in rounds',
  description:
    'Have several personas deliberate on a question in rounds: each round they answer in parallel, seeing the others\' previous answers ' +
      'anonymised, and an arbiter judges whether they agree. Returns whether and when they converged, the synthesis, a per-round summary, and the ' +
      'path of a Markdown transcript with every answer. Slower than oracle (rounds × a model call); use it for decisions worth a debate.',
  inputSchema: {
    question: z.string().trim().min(1).describe('The question, self-contained: the personas see nothing of this conversation.'),
    personas: personaListArg('Who deliberates (default ["judge","critic","skeptic"]); the arbiter persona judges.'),
    rounds: z.number().int().min(1).max(10).optional().describe('Most rounds before stopping without agreement (default 3).'),
    speculative: z.boolean().optional().describe('Start the next round while the arbiter judges this one, cancelling it if they agreed: faster, ' +
      'same result (default false).'),
    review: z.boolean().optional().describe('Each round, every persona also ranks the others\' answers before the arbiter judges (default false; ' +
      'needs 3 personas or more).'),
    transcript: z.string().min(1).optional().describe('Where to write the Markdown transcript (relative to the project directory). Default: a new ' +
      'file in the system temp directory.'),
    ...providerArgs,
  },
  readOnly: false,
  async run(args, { signal, progress, cwd }) {
    const names = checkPersonaNames(args.personas ?? DEFAULT_PERSONAS, 'personas');
    const cap = args.rounds ?? 3;
    const transcript = args.transcript === undefined ? await newOutputFile('council', 'md') : await writableFile(cwd, args.transcript, 'transcript');
    const [{ findPersonas, isRetryable }, { oracleAsk, renderTranscript, runCouncil }] = await Promise.all([
      import('@fanout/oracle'),
      import('@fanout/council'),
    ]);
    const found = await findPersonas([...names, ARBITER], { cwd });
    // Worst case at once: a speculative round and its reviews beside the arbiter.
    const result = await withClient(args, names.length * 2 + 1, (client) =>
      runCouncil({
        question: args.question,
        personas: names,
        arbiter: ARBITER,
        rounds: cap,
        speculative: args.speculative,
        review: args.review,
        ask: oracleAsk({ client, personas: found, model: args.model }),
        retry: { retries: 2, shouldRetry: isRetryable },
        signal,
        onEvent: roundProgress(progress, cap),
      }),
    );
    try {
      await writeFile(transcript, renderTranscript(result, { arbiter: ARBITER, rounds: cap, speculative: args.speculative === true }));
    } catch (error) {
      throw invalidArgument(`transcript ${args.transcript ?? transcript}: ${(error as Error).message}`);
    }
    const rounds = result.rounds.map(roundSummary);
    const last = result.rounds.at(-1)?.verdict;
    return {
      text: text(result, rounds, cap, transcript),
      data: {
        converged: result.converged_at !== null,
        converged_at: result.converged_at,
        synthesis: result.final,
        verdict: last ? { converged: last.converged, synthesis: last.synthesis } : null,
        rounds,
        calls: result.calls,
        cancelled_calls: result.cancelled_calls,
        usage: result.usage,
        wall_ms: Math.round(result.wall_ms),
        transcript,
      },
    };
  },
});
