// `hook-executor run`: executed by Claude Code on every event, so it stays lean. Only node:
// built-ins, the matcher and hook-monitor's writer load until a hook could match; validation, the
// graph and the process runner load after that (run/full-run.ts). Static imports here: one module
// graph loads faster than a chain of dynamic imports.
import { configLocations, homeDir, resolveProjectDir } from '../config/paths.js';
import { HookExecutorError } from '../errors.js';
import { certainlyNothingToRun, readConfigTexts } from './quick-match.js';
import { recordEmptyRun } from '../record.js';
import { failureOutput, parseInput, parseRunArgs, readStdin, writeAndExit } from './run-io.js';

export async function main(argv: readonly string[]): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  if (argv.includes('--help') || argv.includes('-h')) {
    writeAndExit(
      'hook-executor run --event <Event> [--config FILE]\n\nRuns the hooks of one event (stdin: the hook input JSON Claude Code sends) and prints ' +
        'the merged result.\n' +
        'Register it once per event in Claude Code\'s settings (see `hook-executor install`).\n',
      '',
      0,
    );
    return;
  }
  // bin/hook-executor-run falling back says --no-forward: it found no server that would take the event.
  const noForward = argv.includes('--no-forward');
  if (noForward) argv = argv.filter((arg) => arg !== '--no-forward');
  try {
    const args = parseRunArgs(argv);
    const raw = await readStdin();
    const input = parseInput(raw);
    const event = args.event ?? (typeof input.hook_event_name === 'string' ? input.hook_event_name : undefined);
    if (!event) throw new HookExecutorError('USAGE', 'no event: pass --event <Event> (or an input with hook_event_name)');
    const projectDir = resolveProjectDir(input.cwd);
    const texts = readConfigTexts(configLocations(projectDir, homeDir(), args.config));
    if (certainlyNothingToRun(texts, event, input)) {
      recordEmptyRun(event, input, startedAt, t0);
      writeAndExit('', '', 0);
      return;
    }
    if (!noForward) {
      const forwarded = await (await import('./forward-client.js')).forwardToServer(argv, raw);
      if (forwarded) {
        writeAndExit(forwarded.stdout, forwarded.stderr, forwarded.exitCode);
        return;
      }
    }
    const { fullRun } = await import('./full-run.js');
    const result = await fullRun({ event, input, raw, projectDir, texts, startedAt, t0 });
    writeAndExit(result.stdout, result.stderr, result.exitCode);
  } catch (error) {
    if (!(error instanceof HookExecutorError)) throw error;
    // Our own failure must not wedge Claude Code: non-blocking (1), or blocking (2) if the config fails closed.
    const failed = failureOutput(error);
    writeAndExit(failed.stdout, failed.stderr, failed.exitCode);
  }
}
