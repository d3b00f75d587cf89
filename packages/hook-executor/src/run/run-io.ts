// The process I/O of `run` (and `guard`), in one module: every module costs start-up time on a
// path Claude Code takes for every event.
import { parseArgs } from 'node:util';
import { HookExecutorError } from '../errors.js';
import { stripBom } from './read-stdin.js';
import type { EmittedOutput } from '../result/emit.js';
import type { HookInput } from '../types.js';

export interface RunArgs {
  readonly event?: string;
  readonly config?: string;
}

const RUN_OPTIONS = { event: { type: 'string' }, config: { type: 'string' } } as const;

/**
 * `run --event X [--config F]`, with node's parseArgs: yargs would cost far more on every Claude Code
 * event. Not strict, so every mistake gets our own one-line message naming the argument as typed.
 */
export function parseRunArgs(argv: readonly string[]): RunArgs {
  const out: { event?: string; config?: string } = {};
  const { tokens } = parseArgs({ args: [...argv], options: RUN_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option' || (token.name !== 'event' && token.name !== 'config')) {
      throw new HookExecutorError('USAGE', `unknown argument "${argv[token.index]}" (usage: hook-executor run --event <Event> [--config FILE])`);
    }
    if (token.value === undefined || token.value === '') throw new HookExecutorError('USAGE', `--${token.name} needs a value`);
    out[token.name] = token.value;
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
