// The frame in-process: yargs' settings, the error line and the exit code each family gets.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import yargs from 'yargs';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, UsageError, createCli, describeError, exitCodeFor, finishCli, runCli } from './index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cli-kit-'));
const packageJson = pathToFileURL(path.join(dir, 'package.json'));
writeFileSync(packageJson, JSON.stringify({ name: 'tool', version: '1.2.3' }));
const coded = (code: string, message: string): Error => Object.assign(new Error(message), { code });

let stderr = '';
let stdout = '';
// yargs prints help and version with console.log (which jest replaces), errors go to stderr.
const saved = { err: process.stderr.write, log: console.log };
beforeEach(() => {
  stderr = '';
  stdout = '';
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  console.log = (...parts: unknown[]) => void (stdout += `${parts.join(' ')}\n`);
});
afterEach(() => {
  process.stderr.write = saved.err;
  console.log = saved.log;
});

/** A CLI with one command whose handler throws `thrown` (or returns). */
const tool = (argv: string[], thrown?: unknown) =>
  createCli(argv, {
    name: 'tool',
    packageJson,
    usage: '$0 [words..]',
    epilog: 'Keys come from the environment.',
    exitCodes: 'Exit codes: 0 ok, 2 usage error.',
  }).command(
    '$0 [words..]',
    'Do it',
    (y) => y.option('n', { type: 'number' }),
    () => {
      if (thrown !== undefined) throw thrown;
    },
  );

describe('exit codes', () => {
  test('a usage error exits the code its family gives it; cancellation 130; the rest 1', () => {
    const llm = { usageExitCode: EXIT_USAGE, usageCodes: ['E_INPUT'] };
    const hooks = { usageExitCode: EXIT_FAILED };
    expect(exitCodeFor(new UsageError('--n is required'), llm)).toBe(2);
    expect(exitCodeFor(new UsageError('--n is required'), hooks)).toBe(1);
    expect(exitCodeFor(coded('USAGE', 'a library’s bad option'), llm)).toBe(2);
    expect(exitCodeFor(coded('E_INPUT', 'a.jsonl:2: not valid JSON'), llm)).toBe(2);
    expect(exitCodeFor(coded('E_INPUT', 'a.jsonl:2: not valid JSON'), hooks)).toBe(1);
    expect(exitCodeFor(coded('ABORTED', 'aborted'), llm)).toBe(EXIT_INTERRUPTED);
    expect(exitCodeFor(new TypeError('x is undefined'), llm)).toBe(1);
  });

  test('UsageError is the one usage error: code USAGE, a cause kept', () => {
    const cause = new Error('ENOENT');
    expect(new UsageError('bad', { cause })).toMatchObject({ name: 'UsageError', code: 'USAGE', message: 'bad', cause });
    expect('cause' in new UsageError('bad')).toBe(false);
  });
});

describe('createCli and runCli', () => {
  test('--version prints the package’s version; --help ends with the epilog and the exit codes', async () => {
    expect(await runCli(tool(['--version']), { name: 'tool', usageExitCode: EXIT_USAGE })).toBeUndefined();
    expect(stdout).toBe('1.2.3\n');
    stdout = '';
    expect(await runCli(tool(['-h']), { name: 'tool', usageExitCode: EXIT_USAGE })).toBeUndefined();
    expect(stdout).toMatch(/^tool \[words\.\.\]\n/);
    expect(stdout).toMatch(/\nKeys come from the environment\.\nExit codes: 0 ok, 2 usage error\.\n$/);
  });

  test('a command that runs: undefined, nothing on stderr', async () => {
    expect(await runCli(tool(['a', '-n', '1']), { name: 'tool', usageExitCode: EXIT_USAGE })).toBeUndefined();
    expect(stderr).toBe('');
  });

  test('yargs’ complaint: one line pointing at --help, the family’s usage exit code', async () => {
    expect(await runCli(tool(['--bogus']), { name: 'tool', usageExitCode: EXIT_USAGE })).toBe(2);
    expect(stderr).toBe('tool: Unknown argument: bogus (see tool --help)\n');
    stderr = '';
    expect(await runCli(tool(['--bogus']), { name: 'tool', usageExitCode: EXIT_FAILED, hintEveryUsageError: true })).toBe(1);
    expect(stderr).toBe('tool: Unknown argument: bogus (see tool --help)\n');
  });

  test('parseMessage rewords yargs’ complaint', async () => {
    const cli = finishCli(yargs(['--bogus']).scriptName('tool'), { name: 'tool', packageJson, parseMessage: (m) => m.toUpperCase() });
    expect(await runCli(cli, { name: 'tool', usageExitCode: EXIT_USAGE })).toBe(2);
    expect(stderr).toBe('tool: UNKNOWN ARGUMENT: BOGUS (see tool --help)\n');
  });

  test('a command’s usage error points at --help only when the family asks', async () => {
    expect(await runCli(tool([], new UsageError('--n must be ≥ 1')), { name: 'tool', usageExitCode: EXIT_USAGE })).toBe(2);
    expect(stderr).toBe('tool: --n must be ≥ 1\n');
    stderr = '';
    expect(await runCli(tool([], coded('USAGE', '--n must be ≥ 1')), { name: 'tool', usageExitCode: EXIT_FAILED, hintEveryUsageError: true })).toBe(1);
    expect(stderr).toBe('tool: --n must be ≥ 1 (see tool --help)\n');
    stderr = '';
    expect(await runCli(tool([], coded('E_STORE', 'store unreadable')), { name: 'tool', usageExitCode: EXIT_FAILED, hintEveryUsageError: true })).toBe(1);
    expect(stderr).toBe('tool: store unreadable\n');
  });

  test('the error line goes through describeError and redact', async () => {
    const options = {
      name: 'tool',
      usageExitCode: EXIT_USAGE,
      describeError: (e: unknown) => `[${(e as Error).message}]`,
      redact: (t: string) => t.replace('sk-1234', '***'),
    };
    expect(await runCli(tool([], coded('AUTH', 'key sk-1234 refused')), options)).toBe(1);
    expect(stderr).toBe('tool: [key *** refused]\n');
  });

  test('a bug: "internal error" and its stack, exit 1', async () => {
    expect(await runCli(tool([], new TypeError('x is undefined')), { name: 'tool', usageExitCode: EXIT_FAILED })).toBe(1);
    expect(stderr).toMatch(/^tool: internal error\nTypeError: x is undefined\n\s+at /);
    expect(describeError('thrown text')).toBe('internal error\nthrown text');
  });

  test('finishCli after the options lists --version after them, as the hook tools’ help always did', async () => {
    const help = await finishCli(yargs([]).scriptName('tool').option('dir', { type: 'string' }), { name: 'tool', packageJson }).getHelp();
    expect(help.indexOf('--dir')).toBeLessThan(help.indexOf('--version'));
    expect(help.indexOf('--version')).toBeLessThan(help.indexOf('--help'));
  });
});
