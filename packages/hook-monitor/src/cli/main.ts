// The yargs CLI: flags are declared here, each command's module loads only when it runs.
import { EXIT_FAILED, finishCli, runCli } from '@fanout/cli-kit';
import yargs from 'yargs';
import type { CommonArgs } from './cli-options.js';

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  // yargs has validated the flags each command declares; the command module types them.
  const run = <A extends CommonArgs>(load: () => Promise<(args: A) => Promise<number>>) => async (args: unknown) => {
    code = await (await load())(args as A);
  };
  const cli = yargs([...argv])
    .scriptName('hook-monitor')
    .usage('$0 <command>\n\nEvery Claude Code hook’s milliseconds: where prompt latency goes, from the store hook-executor and `wrap` write.')
    .command(
      'report',
      'Per event and per hook: runs, p50/p95/max, failures, timeouts, time saved vs one after another',
      (y) =>
        filters(y)
          .example('$0 report', 'everything recorded')
          .example('$0 report --since 7d --event UserPromptSubmit', 'one event, the last week')
          .option('executor-mode', {
            type: 'string',
            choices: ['forward', 'http'] as const,
            describe: 'For imported runs: the setup the time-saved estimate assumes [default: forward]',
          })
          .option('executor-overhead', {
            type: 'string',
            describe: `For imported runs: hook-executor's cost per event over Claude Code's own runner [default: the bench's]`,
          })
          .example('$0 report --json | jq ".events[].wall.p95"', 'machine-readable'),
      run(async () => (await import('./report-command.js')).reportCommand),
    )
    .command(
      'import',
      'Import hook timings from Claude Code session transcripts (runs of source "transcript"); re-running adds only what is new',
      (y) =>
        y
          .option('from', { type: 'string', describe: 'A transcript or a directory of them [default: ~/.claude/projects]' })
          .example('$0 import && $0 report', 'where prompt time went, before installing anything')
          .example('$0 import --from ~/.claude/projects/-home-me-app', 'one project only')
          .epilog('Only durations, exit codes, byte counts and a decision label are kept, never prompts or hook output.'),
      run(async () => (await import('./import-command.js')).importCommand),
    )
    .command(
      'budget <action> [target]',
      'Latency budgets per event (wall per run) or per hook id: set, list, rm',
      (y) =>
        y
          .positional('action', { type: 'string', choices: ['set', 'list', 'rm'] as const, describe: 'What to do' })
          .positional('target', { type: 'string', describe: 'An event (UserPromptSubmit) or a hook id' })
          .option('p50', { type: 'string', describe: 'Budget for the median (300ms, 1s…)' })
          .option('p95', { type: 'string', describe: 'Budget for the 95th percentile' })
          .example('$0 budget set UserPromptSubmit --p50 300ms --p95 1s', 'the prompt’s hooks, wall clock per run')
          .example('$0 budget set lint --p95 500ms', 'one hook, by id')
          .example('$0 budget list', 'every budget')
          .example('$0 budget rm lint', 'drop one'),
      run(async () => (await import('./budget-command.js')).budgetCommand),
    )
    .command(
      'check',
      'Exit 1 when the recent runs break a budget (one line per breach), for CI and dotfiles checks',
      (y) =>
        filters(y)
          .example('$0 check', 'the last 7 days against every budget')
          .example('$0 check --since 1d --json', 'the last day, machine-readable'),
      run(async () => (await import('./check-command.js')).checkCommand),
    )
    .command(
      'export',
      'Send runs to an OpenTelemetry collector over OTLP/HTTP: a trace per run, a child span per hook',
      (y) =>
        filters(y)
          .option('otlp', { type: 'string', describe: 'The OTLP/HTTP traces URL [default: $HOOK_MONITOR_OTLP_URL]' })
          .option('follow', { type: 'boolean', describe: 'Keep running: send each new run as it is recorded (one follower per store)' })
          .option('idle-exit', { type: 'string', describe: 'With --follow: exit after this long with no new run [default: 10m]' })
          .example('$0 export --otlp http://localhost:4318/v1/traces --since 1d', 'the last day to a local collector')
          .example('$0 export --otlp http://localhost:4318/v1/traces --follow', 'every new run as it is recorded')
          .epilog('Set HOOK_MONITOR_OTLP_URL (e.g. in Claude Code\'s settings env) and every recorded run starts a --follow in the background when none runs.'),
      run(async () => (await import('./export-command.js')).exportCommand),
    )
    .command(
      'waterfall',
      'A terminal Gantt chart of one run, the critical path starred',
      (y) =>
        y
          .option('run', { type: 'string', describe: 'The run id to draw' })
          .option('last', { type: 'boolean', describe: 'Draw the most recent run (the default)' })
          .option('event', { type: 'string', describe: 'With --last: the most recent run of this event' })
          .option('width', { type: 'number', describe: 'Columns [default: the terminal’s, else 80]' })
          .conflicts('run', 'last')
          .example('$0 waterfall --last', 'the latest run')
          .example('$0 waterfall --run 3f2a9c1e --json', 'one run by id, as JSON (the record and its critical path)'),
      run(async () => (await import('./waterfall-command.js')).waterfallCommand),
    )
    .command(
      'html',
      'Write one self-contained HTML page: recent waterfalls, latency per hook, trend per day',
      (y) =>
        filters(y)
          .option('out', { type: 'string', demandOption: true, describe: 'File to write' })
          .option('recent', { type: 'number', default: 5, describe: 'How many recent runs to draw' })
          .example('$0 html --out hooks.html --since 30d', 'the last month, then open hooks.html'),
      run(async () => (await import('./html-command.js')).htmlCommand),
    )
    .command(
      'slow',
      'Hooks over a p95 threshold, costliest first, with a concrete suggestion each',
      (y) =>
        filters(y)
          .option('threshold', { type: 'string', default: '100ms', describe: 'p95 above which a hook is slow (100ms, 1.5s…)' })
          .example('$0 slow --threshold 50ms', 'hooks slower than 50 ms at p95'),
      run(async () => (await import('./slow-command.js')).slowCommand),
    )
    .command(
      'wrap',
      'Time a hook Claude Code runs itself: stdin, stdout, stderr and exit code pass through untouched',
      (y) =>
        y
          .option('id', { type: 'string', describe: 'The hook’s name in the store' })
          .option('event', { type: 'string', describe: 'The event [default: hook_event_name from stdin]' })
          .usage('$0 wrap --id NAME [--event E] [--dir D] -- CMD [ARGS...]')
          .example('$0 wrap --id lint -- ./scripts/lint-hook.sh --fast', 'in settings.json, in place of the hook’s command')
          .epilog('A mistake in wrap’s own arguments exits 1 (never 2, which Claude Code would read as "block").'),
      async () => {
        const { parseWrapArgs } = await import('./wrap-args.js');
        const parsed = parseWrapArgs(argv.slice(argv.indexOf('wrap') + 1));
        if (parsed === undefined) return;
        await (await import('./wrap-main.js')).wrapMain(parsed);
        code = typeof process.exitCode === 'number' ? process.exitCode : 0;
      },
    )
    .option('dir', { type: 'string', describe: 'Store directory [default: $HOOK_MONITOR_DIR or ~/.claude/hook-monitor]' })
    .option('json', { type: 'boolean', describe: 'Machine-readable output on stdout' })
    .demandCommand(1, 'Name a command: report, import, budget, check, export, waterfall, html, slow or wrap')
    .example('$0 report --since 7d', 'per hook and per event: p50/p95/max, failures, time saved')
    .example('$0 waterfall --last', 'a terminal Gantt chart of the last run')
    .example('$0 html --out hooks.html', 'one self-contained page with SVG charts')
    .epilog('Privacy: the store holds timings, exit codes and byte counts, never prompts, tool input or hook output.');
  const framed = finishCli(cli, { name: 'hook-monitor', packageJson: new URL('../../package.json', import.meta.url) });
  // A usage error exits 1, never 2: Claude Code reads a hook's 2 as "block" (`wrap` runs as a hook).
  return (await runCli(framed, { name: 'hook-monitor', usageExitCode: EXIT_FAILED, hintEveryUsageError: true })) ?? code;
}

function filters<T>(y: import('yargs').Argv<T>) {
  return y
    .option('since', { type: 'string', describe: 'Only runs since: an age (7d, 12h, 30m) or an ISO date (2026-01-31)' })
    .option('event', { type: 'string', describe: 'Only this event, e.g. UserPromptSubmit' });
}
