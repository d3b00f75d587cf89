import { HookMonitorError } from '../errors.js';

export interface WrapArgs {
  readonly id: string;
  readonly event?: string;
  readonly dir?: string;
  readonly command: string;
  readonly args: string[];
}

const VALUE_FLAGS = new Set(['--id', '--event', '--dir']);

/**
 * Parses `wrap` arguments by hand: `wrap` sits on Claude Code's path, so it must not pay for yargs.
 * Returns undefined when help was asked for (yargs prints it).
 */
export function parseWrapArgs(argv: readonly string[]): WrapArgs | undefined {
  const flags: Record<string, string> = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      i++;
      break;
    }
    if (token === '--help' || token === '-h') return undefined;
    if (!token.startsWith('-')) break; // the command starts here (a `--` is optional)
    const eq = token.indexOf('=');
    const name = eq < 0 ? token : token.slice(0, eq);
    if (!VALUE_FLAGS.has(name)) {
      throw new HookMonitorError('USAGE', `wrap: unknown option ${name} (expected --id, --event, --dir, then -- and the command)`);
    }
    const value = eq < 0 ? argv[++i] : token.slice(eq + 1);
    if (value === undefined || value === '') throw new HookMonitorError('USAGE', `wrap: ${name} needs a value`);
    flags[name.slice(2)] = value;
  }
  const [command, ...args] = argv.slice(i);
  if (flags.id === undefined) {
    throw new HookMonitorError('USAGE', 'wrap: --id is required, e.g. hook-monitor wrap --id lint -- ./lint.sh');
  }
  if (command === undefined) {
    throw new HookMonitorError('USAGE', 'wrap: no command given, e.g. hook-monitor wrap --id lint -- ./lint.sh');
  }
  return {
    id: flags.id,
    ...(flags.event === undefined ? {} : { event: flags.event }),
    ...(flags.dir === undefined ? {} : { dir: flags.dir }),
    command,
    args,
  };
}
