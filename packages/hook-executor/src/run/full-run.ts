import { defaultStoreDir, recordRun } from '@fanout/hook-monitor';
import { loadConfigTexts } from '../config/load.js';
import type { EmittedOutput } from '../result/emit.js';
import { killAllGroups } from '../exec/process-groups.js';
import { executeEvent } from '../execute-event.js';
import type { HookInput } from '../types.js';
import type { ConfigText } from './quick-match.js';

export interface FullRunInput {
  readonly event: string;
  readonly input: HookInput;
  readonly raw: Buffer;
  readonly projectDir: string;
  readonly texts: readonly ConfigText[];
  readonly startedAt: Date;
  readonly t0: number;
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

/** Validates the config, runs the event's hooks and records the run. Throws ConfigError for a broken config. */
export async function fullRun(run: FullRunInput): Promise<EmittedOutput> {
  const config = loadConfigTexts(run.texts);
  forwardStops();
  // Module hooks run in this process: a console.log of theirs must not land in front of the answer
  // Claude Code reads from our stdout, so stdout is stderr while hooks run.
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    const result = await executeEvent(run.event, run.input, config, { projectDir: run.projectDir, rawInput: run.raw, breaker: { dir: defaultStoreDir() } });
    killAllGroups('SIGKILL'); // what hooks left in their groups got SIGTERM when they exited; `run` ends now
    recordRun(result.record);
    return result;
  } finally {
    process.stdout.write = write;
  }
}
