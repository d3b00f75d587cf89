// `hook-executor run`: executed by Claude Code on every event, so it stays lean — node: built-ins,
// the config and matching modules, and the execution modules only when a hook matched.
import { recordRun } from '@fanout/hook-monitor';
import { loadConfig } from '../config/load.js';
import { configLocations, homeDir, resolveProjectDir } from '../config/paths.js';
import { ConfigError, HookExecutorError } from '../errors.js';
import { killAllGroups } from '../exec/process-groups.js';
import { selectHooks } from '../match/select.js';
import { buildRecord, newRunId } from '../record.js';
import type { HookInput } from '../types.js';
import { readStdin } from './read-stdin.js';
import { parseRunArgs } from './run-args.js';
import { writeAndExit } from './write-and-exit.js';

function parseInput(raw: Buffer): HookInput {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HookExecutorError('INPUT_INVALID', `stdin is not the hook input JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HookExecutorError('INPUT_INVALID', 'stdin is not a JSON object');
  return value as HookInput;
}

/** Stop every hook's process group if Claude Code stops us (its own timeout, Ctrl-C). */
function forwardStops(): void {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      killAllGroups('SIGKILL');
      process.exit(code);
    });
  }
}

export async function main(argv: readonly string[]): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  let failClosed = false;
  try {
    const args = parseRunArgs(argv);
    const raw = await readStdin();
    const input = parseInput(raw);
    const event = args.event ?? (typeof input.hook_event_name === 'string' ? input.hook_event_name : undefined);
    if (!event) throw new HookExecutorError('BAD_ARGUMENT', 'no event: pass --event <Event> (or an input with hook_event_name)');
    const projectDir = resolveProjectDir(input.cwd);
    const config = loadConfig(configLocations(projectDir, homeDir(), args.config));
    failClosed = config.failClosed;
    const selection = selectHooks(config, event, input, projectDir);
    if (selection.hooks.length === 0) {
      recordRun(
        buildRecord({
          runId: newRunId(),
          startedAt,
          event,
          ...(typeof input.session_id === 'string' ? { sessionId: input.session_id } : {}),
          ...(selection.target === undefined ? {} : { target: selection.target }),
          source: 'run',
          wallMs: performance.now() - t0,
          reports: [],
        }),
      );
      writeAndExit('', '', 0);
      return;
    }
    forwardStops();
    const { executeEvent } = await import('../execute-event.js');
    const result = await executeEvent(event, input, config, { projectDir, rawInput: raw });
    recordRun(result.record);
    writeAndExit(result.stdout, result.stderr, result.exitCode);
  } catch (error) {
    if (!(error instanceof HookExecutorError)) throw error;
    // Our own failure must not wedge Claude Code: non-blocking (1) unless the config fails closed.
    const closed = failClosed || (error instanceof ConfigError && error.failClosed);
    writeAndExit('', `hook-executor: ${error.message}${closed ? ' (failClosed: blocking)' : ''}\n`, closed ? 2 : 1);
  }
}
