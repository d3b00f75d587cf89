// The process I/O of `run` (and `guard`), in one module: every module costs start-up time on a
// path Claude Code takes for every event.
import { HookExecutorError } from '../errors.js';
import { stripBom } from './read-stdin.js';
import type { EmittedOutput } from '../result/emit.js';
import type { HookInput } from '../types.js';

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

export { readStdin } from './read-stdin.js';

/** The hook input: a JSON object ({} for empty stdin; a byte order mark in front is ignored). */
export function parseInput(raw: Buffer): HookInput {
  const text = stripBom(raw.toString('utf8'));
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

/** Writes stdout and stderr completely (pipes may be slow to drain), then exits with `code`. */
export function writeAndExit(stdout: string, stderr: string, code: number): void {
  let pending = 1;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  if (stdout) {
    pending++;
    process.stdout.write(stdout, done);
  }
  if (stderr) {
    pending++;
    process.stderr.write(stderr, done);
  }
  done();
}

/**
 * The executor's own failure (a broken config, bad input) as Claude Code must see it: one line on
 * stderr and exit 1 (non-blocking: the prompt proceeds), or 2 when the config says failClosed.
 */
export function failureOutput(error: HookExecutorError): EmittedOutput {
  const closed = (error as { failClosed?: boolean }).failClosed === true;
  return { exitCode: closed ? 2 : 1, stdout: '', stderr: `hook-executor: ${error.message}${closed ? ' (failClosed: blocking)' : ''}\n` };
}
