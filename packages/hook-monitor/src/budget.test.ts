import { describe, expect, test } from '@jest/globals';
import { writeKnownStore } from './test-helpers/known-store.js';
import { BIN, tempDir } from './test-helpers/paths.js';
import { runProcess } from './test-helpers/run-process.js';

const cli = async (args: string[]) => {
  const result = await runProcess(process.execPath, [BIN, ...args]);
  return { code: result.code, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
};

// The known store (UserPromptSubmit: wall p50 31 ms, p95 52 ms; hook c p95 40 ms) dates from January 2026.
const SINCE = ['--since', '2026-01-01'];

describe('hook-monitor budget and check (real process)', () => {
  test('set, list, check breaches (exit 1, one line each, --json), rm, then check passes', async () => {
    const dir = tempDir();
    writeKnownStore(dir);
    expect(await cli(['budget', 'set', 'UserPromptSubmit', '--p50', '30ms', '--p95', '1s', '--dir', dir])).toMatchObject({
      code: 0, stdout: 'Budget set: UserPromptSubmit: p50 ≤ 30 ms, p95 ≤ 1 s\n',
    });
    await cli(['budget', 'set', 'c', '--p95', '20ms', '--dir', dir]);
    await cli(['budget', 'set', 'a', '--p95', '1s', '--dir', dir]);
    expect((await cli(['budget', 'list', '--dir', dir])).stdout).toBe('UserPromptSubmit: p50 ≤ 30 ms, p95 ≤ 1 s\nc: p95 ≤ 20 ms\na: p95 ≤ 1 s\n');

    expect(await cli(['check', '--dir', dir, ...SINCE])).toEqual({
      code: 1,
      stdout:
        'UserPromptSubmit (wall per run): p50 31 ms over its 30 ms budget (+3%, 4 runs)\n' +
        'UserPromptSubmit › c: p95 40 ms over its 20 ms budget (+100%, 4 runs)\n',
      stderr: '',
    });
    const json = await cli(['check', '--dir', dir, ...SINCE, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      budgets: 3,
      runs: 5,
      breaches: [
        { target: 'UserPromptSubmit', quantile: 'p50' },
        { target: 'c', hook: 'c', actualMs: 40 },
      ],
    });

    // The default window is the last 7 days: nothing recorded there, nothing broken.
    expect(await cli(['check', '--dir', dir])).toMatchObject({ code: 0, stdout: 'All 3 budgets met over 0 runs.\n' });

    await cli(['budget', 'rm', 'c', '--dir', dir]);
    await cli(['budget', 'set', 'UserPromptSubmit', '--p95', '60ms', '--dir', dir]);
    expect(await cli(['check', '--dir', dir, ...SINCE])).toMatchObject({ code: 0, stdout: 'All 2 budgets met over 5 runs.\n' });
  });

  test('mistakes are one line and exit 1', async () => {
    const dir = tempDir();
    expect(await cli(['budget', 'set', 'X', '--p95', 'fast', '--dir', dir])).toMatchObject({
      code: 1, stderr: 'hook-monitor: --p95: expected a duration like 100ms, 1.5s or 2m, got "fast"\n',
    });
    expect((await cli(['budget', 'set', 'X', '--dir', dir])).stderr).toBe('hook-monitor: budget set: give --p50 and/or --p95 (see hook-monitor --help)\n');
    expect((await cli(['budget', 'rm', 'X', '--dir', dir])).code).toBe(1);
    expect(await cli(['check', '--dir', dir])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^No budgets set/) });
  });
});
