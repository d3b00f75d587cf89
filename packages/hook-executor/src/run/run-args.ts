import { HookExecutorError } from '../errors.js';

export interface RunArgs {
  readonly event?: string;
  readonly config?: string;
}

/** `run --event X [--config F]`, parsed by hand: yargs would cost ~130 ms on every Claude Code event. */
export function parseRunArgs(argv: readonly string[]): RunArgs {
  const out: { event?: string; config?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? (eq > 0 ? arg.slice(2, eq) : arg.slice(2)) : undefined;
    if (name !== 'event' && name !== 'config') {
      throw new HookExecutorError('BAD_ARGUMENT', `unknown argument "${arg}" (usage: hook-executor run --event <Event> [--config FILE])`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new HookExecutorError('BAD_ARGUMENT', `--${name} needs a value`);
    out[name] = value;
  }
  return out;
}
