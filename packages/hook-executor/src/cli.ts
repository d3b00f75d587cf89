// The yargs CLI for everything except `run` and `guard` (bin/hook-executor.js routes those to lean
// modules). Each command's module loads only when it runs.
import { EXIT_FAILED, finishCli, runCli } from '@fanout/cli-kit';
import yargs from 'yargs';
import type { CommonArgs } from './commands/cli-io.js';

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const run = <A extends CommonArgs>(load: () => Promise<(args: A) => Promise<number>>) => async (args: unknown) => {
    code = await (await load())(args as A);
  };
  const scope = { type: 'string', choices: ['project', 'user', 'local'], default: 'project', describe: 'Which settings file' } as const;
  const cli = yargs([...argv])
    .scriptName('hook-executor')
    .usage('$0 <command>\n\nRuns Claude Code hooks in parallel along their dependencies and merges their results as Claude Code would.')
    .command('run', 'Run the hooks of one event (what Claude Code executes; stdin = the hook input)', (y) =>
      y.option('event', { type: 'string', describe: 'The event, e.g. PreToolUse' }).example('echo \'{"prompt":"hi"}\' | $0 run --event UserPromptSubmit', ''),
    )
    .command(
      'install',
      'Move the hooks of a settings file into the executor’s file and register the executor once per event',
      (y) =>
        y
          .option('scope', scope)
          .option('dry-run', { type: 'boolean', describe: 'Print the diff, write nothing' })
          .option('command', { type: 'string', describe: 'How settings should call the executor [default: hook-executor if on PATH, else this binary’s path]' })
          .option('mode', {
            type: 'string',
            choices: ['auto', 'forward', 'command', 'http'],
            default: 'auto',
            describe:
              'auto: forward where bash and /proc are there, else command; forward: a launcher per event that hands it to the warm `serve` and ' +
                'runs the hooks itself when no server answers (+ SessionStart `serve --ensure`); command: `run` per event; http: http hooks to ' +
                '`serve` (they fail open)',
          })
          .option('gates', {
            type: 'string',
            choices: ['command', 'http'],
            default: 'command',
            describe: 'http mode: keep gate events (PreToolUse, PermissionRequest, UserPromptSubmit…) as command hooks, since http hooks fail open',
          })
          .option('port', { type: 'number', describe: 'http mode: the server’s port [default: the registered one, else a free one]' })
          .example('$0 install --dry-run', 'see what would change in .claude/settings.json')
          .example('$0 install --scope user', 'move ~/.claude/settings.json hooks')
          .example('$0 install --scope user --mode http', 'serve the user’s hooks from a warm process; gates stay command hooks'),
      run(async () => (await import('./commands/install-command.js')).installCommand),
    )
    .command(
      'uninstall',
      'Restore the settings file (and the executor’s file) exactly as they were before install',
      (y) =>
        y
          .option('scope', scope)
          .option('force', { type: 'boolean', describe: 'Restore even if the settings file was edited since install' })
          .example('$0 uninstall', 'undo install for .claude/settings.json'),
      run(async () => (await import('./commands/uninstall-command.js')).uninstallCommand),
    )
    .command(
      'check',
      'Validate the config; print each event’s graph in waves with its critical path',
      (y) => y.example('$0 check', 'validate .claude/hook-executor.json and ~/.claude/hook-executor.json'),
      run(async () => (await import('./commands/check-command.js')).checkCommand),
    )
    .command(
      'list',
      'Show what would run for an event (matchers, ids, after)',
      (y) =>
        y
          .option('event', { type: 'string', demandOption: true, describe: 'The event, e.g. PreToolUse' })
          .option('target', { type: 'string', describe: 'What the matcher sees: a tool name, a SessionStart source…' })
          .example('$0 list --event PreToolUse --target Bash', 'the hooks a Bash call would run'),
      run(async () => (await import('./commands/list-command.js')).listCommand),
    )
    .command('serve', 'A warm executor for Claude Code’s http hooks on 127.0.0.1: --ensure, --detach, --stop, --status (see serve --help)', (y) =>
      y
        .option('port', { type: 'number', describe: 'Listen on this port' })
        .option('ensure', { type: 'boolean', describe: 'Start in the background unless running (a SessionStart hook)' })
        .option('detach', { type: 'boolean', describe: 'Start in the background' })
        .option('stop', { type: 'boolean', describe: 'Stop the running server' })
        .option('status', { type: 'boolean', describe: 'Is it running? (exit 3 when not)' })
        .example('$0 serve --status --json', ''),
    )
    .command(
      'breaker <action> [id]',
      'Hooks skipped after timing out or crashing in a row: status [ID] shows every breaker, reset [ID] runs the hook again from the next event',
      (y) =>
        y
          .positional('action', { type: 'string', choices: ['status', 'reset'] as const, describe: 'What to do' })
          .positional('id', { type: 'string', describe: 'A hook id [default: every hook]' })
          .example('$0 breaker status', 'which hooks are skipped, until when, and why')
          .example('$0 breaker reset slow-lint', 'try slow-lint again now')
          .example('$0 breaker status --json', 'machine-readable'),
      run(async () => (await import('./commands/breaker-command.js')).breakerCommand),
    )
    .command('guard <name>', 'Built-in guard hooks: sequential-agents [--block], parallel-reminder [--every MIN], hook-budget', (y) =>
      y.positional('name', { type: 'string', choices: ['sequential-agents', 'parallel-reminder', 'hook-budget'] }),
    )
    .option('project', { type: 'string', describe: 'Project directory [default: $CLAUDE_PROJECT_DIR or the current directory]' })
    .option('config', { type: 'string', describe: 'Use this config file instead of the project and user ones' })
    .option('json', { type: 'boolean', describe: 'Machine-readable output on stdout' })
    .demandCommand(1, 'Name a command: install, uninstall, check, list, breaker, run, serve or guard')
    .example('$0 install --dry-run', 'see how your settings.json hooks would move behind the executor')
    .example('$0 check', 'validate the config; print each event’s graph and critical path')
    .example('echo \'{"prompt":"hi"}\' | $0 run --event UserPromptSubmit', 'what Claude Code runs on each event');
  const framed = finishCli(cli, { name: 'hook-executor', packageJson: new URL('../package.json', import.meta.url) });
  // A usage error exits 1, never 2: Claude Code reads a hook's 2 as "block".
  return (await runCli(framed, { name: 'hook-executor', usageExitCode: EXIT_FAILED, hintEveryUsageError: true })) ?? code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hook-executor: internal error\n${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
