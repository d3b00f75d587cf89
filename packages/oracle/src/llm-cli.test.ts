// What the LLM tools' CLIs share, in-process (errors, flags) and in child processes (stdin, what
// loads); the child processes import the built entry, so they need `dist/` (run the build first).
import { describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, UsageError, exitCodeFor } from '@fanout/cli-kit';
import yargs from 'yargs';
import { checkProviderFlags, commonProviderOptions, describeError, llmRunOptions, simOptions, type ProviderFlags } from './llm-cli.js';
import { OracleError } from './errors.js';
import { REFUSE_HEAVY_MODULES, runNode } from './test-helpers/node-run.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const coded = (code: string, message: string, extra: object = {}): Error => Object.assign(new Error(message), { code }, extra);

describe('exit codes and error lines', () => {
  test('usage mistakes (oracle’s codes and the tool’s own) exit 2, cancellation 130, the rest 1', () => {
    const oracle = llmRunOptions('oracle');
    expect(exitCodeFor(new UsageError('--n is required'), oracle)).toBe(EXIT_USAGE);
    expect(exitCodeFor(new OracleError('NO_CREDENTIALS', 'Set OPENAI_API_KEY'), oracle)).toBe(EXIT_USAGE);
    expect(exitCodeFor(new OracleError('USAGE', 'the client is closed'), oracle)).toBe(EXIT_USAGE);
    expect(exitCodeFor(coded('E_INPUT', 'a.jsonl:2: not valid JSON'), oracle)).toBe(EXIT_FAILED);
    expect(exitCodeFor(coded('E_INPUT', 'a.jsonl:2: not valid JSON'), llmRunOptions('swarm', ['E_INPUT']))).toBe(EXIT_USAGE);
    expect(exitCodeFor(coded('ABORTED', 'aborted'), oracle)).toBe(EXIT_INTERRUPTED);
    expect(exitCodeFor(new TypeError('x is undefined'), oracle)).toBe(EXIT_FAILED);
  });

  test('the error line redacts keys from the environment', () => {
    const saved = process.env['FANOUT_TEST_API_KEY'];
    process.env['FANOUT_TEST_API_KEY'] = 'sk-secret-1234';
    try {
      expect(llmRunOptions('oracle').redact?.('oracle: echoed sk-secret-1234\n')).toBe('oracle: echoed ***\n');
    } finally {
      if (saved === undefined) delete process.env['FANOUT_TEST_API_KEY'];
      else process.env['FANOUT_TEST_API_KEY'] = saved;
    }
  });

  test('one line for what carries a code, a stack for bugs', () => {
    expect(describeError(coded('TASK_TIMEOUT', 'Task 0 timed out after 1500 ms', { timeoutMs: 1500 }))).toBe('timed out after 1.5 s (--timeout)');
    expect(describeError(coded('ABORTED', 'The run was aborted'))).toBe('cancelled');
    expect(describeError(new OracleError('CONNECTION', 'cannot connect\nsecond line'))).toBe('cannot connect');
    expect(describeError(new TypeError('x is undefined'))).toMatch(/^TypeError: x is undefined\n\s+at /);
    expect(describeError('plain')).toBe('plain');
  });
});

describe('provider flags', () => {
  test.each<[ProviderFlags, string]>([
    [{ concurrency: 0 }, '--concurrency must be an integer ≥ 1, got 0'],
    [{ timeout: Number.POSITIVE_INFINITY }, '--timeout must be a number of seconds > 0, got Infinity'],
    [{ retries: 1.5 }, '--retries must be an integer ≥ 0, got 1.5'],
    [{ provider: 'sim', simLatencyMs: -1 }, '--sim-latency-ms must be ≥ 0, got -1'],
    [{ simRules: 'r.json' }, '--sim-latency-ms and --sim-rules need --provider sim'],
    [{ provider: 'openai', simRpm: 5 }, '--sim-rpm needs --provider sim'],
    [{ provider: 'sim', simErrorRate: 2 }, '--sim-error-rate must be from 0 to 1, got 2'],
  ])('%j is refused', (flags, message) => {
    expect(() => checkProviderFlags(flags)).toThrow(new UsageError(message));
  });

  test('good flags pass and tell llm-sim what to do', () => {
    const flags = { provider: 'sim', concurrency: 8, timeout: 0.5, retries: 0, simLatencyMs: 0, simRules: 'r.json', simErrorRate: 0.1, simRpm: 60 };
    expect(() => checkProviderFlags(flags)).not.toThrow();
    expect(simOptions(flags)).toEqual({ latencyMs: 0, rules: 'r.json', errorRate: 0.1, rpm: 60 });
    expect(simOptions({})).toEqual({});
  });

  test('commonProviderOptions declares the flags, with the CLI’s own defaults and groups', async () => {
    const parse = (args: string[], extraSim: boolean) =>
      commonProviderOptions(yargs(args).strict().exitProcess(false).fail(false), {
        extraSim,
        group: 'Provider:',
        override: { concurrency: { alias: 'c', default: 50 }, json: { describe: 'Summary as JSON' } },
      });
    const args = await parse(['--provider', 'sim', '--base-url', 'http://x/v1', '-c', '7', '--sim-rpm', '60', '--json'], true).parseAsync();
    expect(args).toMatchObject({ provider: 'sim', baseUrl: 'http://x/v1', concurrency: 7, simRpm: 60, json: true });
    expect((await parse([], false).parseAsync()).concurrency).toBe(50);
    await expect(async () => parse(['--provider', 'nope'], false).parseAsync()).rejects.toThrow(/Invalid values/);
    await expect(async () => parse(['--sim-rpm', '5'], false).parseAsync()).rejects.toThrow(/Unknown arguments?: sim-rpm/);
    const help = await parse([], true).getHelp();
    expect(help).toMatch(/Provider:\n\s+--provider/);
    expect(help).toContain('Summary as JSON');
  });
});

describe('the built entry', () => {
  const run = (script: string, input?: string) =>
    runNode(['--input-type=module', '-e', `import * as kit from '@fanout/oracle/llm-cli'; ${script}`], { cwd: PACKAGE_DIR, input });
  const ask = (words: string[], options: object, input?: string) =>
    run(`process.stdout.write(await kit.readPrompt(${JSON.stringify(words)}, ${JSON.stringify(options)}).catch((e) => 'error: ' + e.message));`, input);

  test('dist is built', () => {
    expect(existsSync(fileURLToPath(new URL('../dist/llm-cli.js', import.meta.url)))).toBe(true);
  });

  test('readPrompt: stdin as context before the words, or only as a fallback', async () => {
    // spawn's stdin is a socket, read beside words only when forced (a pipe from a shell always is).
    expect((await ask(['review', 'this'], {}, 'DIFF\n')).stdout).toBe('review this');
    expect((await ask(['review', 'this'], { force: true }, 'DIFF\n')).stdout).toBe('DIFF\n\nreview this');
    expect((await ask([], {}, 'only stdin')).stdout).toBe('only stdin');
    expect((await ask(['args', 'win'], { mode: 'fallback' }, 'ignored')).stdout).toBe('args win');
    expect((await ask([], { mode: 'fallback' }, 'from stdin\n')).stdout).toBe('from stdin');
    expect((await ask([], { noun: 'question', hint: ' (or use --input x)' })).stdout).toBe(
      'error: no question: pass it as arguments or on stdin (or use --input x)',
    );
  });

  test('importing the entry and `oracle --help` load neither undici, openai nor llm-sim', async () => {
    const kit = await runNode([...REFUSE_HEAVY_MODULES, '--input-type=module', '-e', "await import('@fanout/oracle/llm-cli')"], { cwd: PACKAGE_DIR });
    expect(kit).toEqual({ code: 0, stdout: '', stderr: '' });
    const help = await runNode([...REFUSE_HEAVY_MODULES, 'bin/oracle.js', '--help'], { cwd: PACKAGE_DIR });
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/\nExamples:\n {2}oracle /);
    // The guard itself works: asking (not just --help) does load them.
    const ask = await runNode([...REFUSE_HEAVY_MODULES, 'bin/oracle.js', '--provider', 'sim', 'hi'], { cwd: PACKAGE_DIR });
    expect(ask.stderr).toMatch(/loaded .*llm-sim/);
  });

  test('the CLI bundle measures text (string-width: an Intl.Segmenter, ~20 ms) only when it prints help', async () => {
    if (!existsSync(`${PACKAGE_DIR}/dist-bundle/cli.js`)) throw new Error('build @fanout/oracle first (dist-bundle/cli.js is missing)');
    const counting =
      'data:text/javascript,' +
      encodeURIComponent('const S = Intl.Segmenter; let n = 0; Intl.Segmenter = class extends S { constructor(...a) { super(...a); n++; } }; ' +
        'process.on("exit", () => process.stderr.write(`segmenters=${n}`));');
    const version = await runNode(['--import', counting, 'bin/oracle.js', '--version'], { cwd: PACKAGE_DIR });
    expect(version).toMatchObject({ code: 0, stderr: 'segmenters=0' });
    const help = await runNode(['--import', counting, 'bin/oracle.js', '--help'], { cwd: PACKAGE_DIR });
    expect(help.code).toBe(0);
    expect(help.stderr).toMatch(/^segmenters=[1-9]/);
    expect(help.stdout).toMatch(/\nExamples:\n {2}oracle /);
  });
});
