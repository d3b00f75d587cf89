import { parseArgs } from 'node:util';
import { HookExecutorError } from '../errors.js';

export const GUARD_USAGE = 'usage: hook-executor guard sequential-agents [--block] | guard parallel-reminder [--every MINUTES] | guard hook-budget';

export interface GuardArgs {
  readonly name: 'sequential-agents' | 'parallel-reminder' | 'hook-budget';
  /** sequential-agents: block instead of warning. */
  readonly block: boolean;
  /** parallel-reminder: minutes between reminders. */
  readonly every: number;
}

const GUARD_OPTIONS = { block: { type: 'boolean' }, every: { type: 'string' } } as const;

/**
 * `guard <name> [flags]`, with node's parseArgs (guards run as hooks: no yargs). Each guard takes
 * only its own flag; not strict, so every mistake gets our own one-line message.
 */
export function parseGuardArgs(argv: readonly string[]): GuardArgs {
  const [name, ...rest] = argv;
  let block = false;
  let every = 30;
  const { tokens } = parseArgs({ args: rest, options: GUARD_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    const arg = rest[token.index]!;
    if (name === 'sequential-agents' && token.kind === 'option' && arg === '--block') block = true;
    else if (name === 'parallel-reminder' && token.kind === 'option' && token.rawName === '--every') {
      const value = Number(token.value);
      if (!(value >= 0)) throw new HookExecutorError('USAGE', `--every must be a number of minutes (${GUARD_USAGE})`);
      every = value;
    } else throw new HookExecutorError('USAGE', `unknown argument "${arg}" (${GUARD_USAGE})`);
  }
  if (name !== 'sequential-agents' && name !== 'parallel-reminder' && name !== 'hook-budget') {
    throw new HookExecutorError('USAGE', `unknown guard "${name ?? ''}" (${GUARD_USAGE})`);
  }
  return { name, block, every };
}
