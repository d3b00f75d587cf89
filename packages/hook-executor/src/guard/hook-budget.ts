// Guard: at SessionStart (or Stop), tells the user once per session, in one line, which hook got
// slower against its own history in hook-monitor's store. hook-monitor's reader loads only here,
// lazily, so the other guards never pay for it.
import { readState, stateFile, writeState } from './state-file.js';

export interface HookBudgetOptions {
  /** hook-monitor's store. @default $HOOK_MONITOR_DIR or ~/.claude/hook-monitor */
  readonly dir?: string;
  readonly file?: string;
  readonly now?: number;
}

export function hookBudgetStateFile(env: NodeJS.ProcessEnv = process.env): string {
  return stateFile('hook-budget', env);
}

/** `{"systemMessage": …}` naming the worst regression, once per session; '' otherwise. */
export async function hookBudgetOutput(input: Record<string, unknown>, options: HookBudgetOptions = {}): Promise<string> {
  const session = typeof input.session_id === 'string' ? input.session_id : 'unknown';
  const file = options.file ?? hookBudgetStateFile();
  const now = options.now ?? Date.now();
  const state = readState<{ at: number }>(file);
  if (state[session] !== undefined) return '';
  state[session] = { at: now };
  writeState(file, state, now);
  const { findRegressions, formatRegression } = await import('@fanout/hook-monitor/regressions');
  const found = await findRegressions({ now, ...(options.dir === undefined ? {} : { dir: options.dir }) });
  const worst = found[0];
  return worst === undefined ? '' : JSON.stringify({ systemMessage: formatRegression(worst, found.length - 1) });
}
