import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { writeKnownStore } from './test-helpers/known-store.js';
import { BIN, tempDir } from './test-helpers/paths.js';
import { runProcess } from './test-helpers/run-process.js';

const env = { ...process.env, FORCE_COLOR: '', NO_COLOR: '' };
const cli = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
  runProcess(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv } });

function knownStore(): string {
  const dir = tempDir();
  writeKnownStore(dir);
  return dir;
}

describe('hook-monitor CLI (real process)', () => {
  test('report --json carries the exact numbers of a known store', async () => {
    const dir = knownStore();
    const result = await cli(['report', '--dir', dir, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout.toString());
    expect(report).toMatchObject({ runs: 5, corrupt: 2 });
    expect(report.events[0]).toMatchObject({ event: 'UserPromptSubmit', runs: 4, savedMs: 80, wall: { p50: 31, p95: 52 } });
    expect(report.events[0].hooks.map((hook: { id: string }) => hook.id)).toEqual(['a', 'b', 'c']);
  });

  test('report on an empty store says so and exits 0; HOOK_MONITOR_DIR picks the store', async () => {
    const dir = path.join(tempDir(), 'never-written');
    const result = await cli(['report'], { HOOK_MONITOR_DIR: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.toString()).toBe(
      `No hook runs recorded yet in ${dir}. Record some with hook-executor, or time a hook with \`hook-monitor wrap --id NAME -- CMD\`.\n`,
    );
  });

  test('waterfall draws the last run, or one by id; an unknown id is one line and exit 1', async () => {
    const dir = knownStore();
    const last = await cli(['waterfall', '--dir', dir, '--last']);
    expect(last.code).toBe(0);
    expect(last.stdout.toString()).toContain('PreToolUse (Bash) · run run-5');
    const byId = await cli(['waterfall', '--dir', dir, '--run', 'run-3', '--width', '70']);
    const lines = byId.stdout.toString().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(70);
    expect(lines.find((line) => line.includes(' a '))).toMatch(/^ {2}\* a +│█+ *│ +30 ms TIMED OUT$/);
    expect(lines.find((line) => line.includes(' b '))).toContain('skipped: dependency failed');
    expect(lines.find((line) => line.includes(' c '))).toContain('BLOCKED exit 2');
    expect(byId.stdout.toString()).not.toContain('\u001B[');
    const missing = await cli(['waterfall', '--dir', dir, '--run', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.toString()).toBe(`hook-monitor: no run with id "nope" in ${dir} (7 records searched)\n`);
  });

  test('waterfall colours only when asked: FORCE_COLOR on, NO_COLOR (or a pipe) off', async () => {
    const dir = knownStore();
    const forced = await cli(['waterfall', '--dir', dir], { FORCE_COLOR: '1' });
    expect(forced.stdout.toString()).toContain('\u001B[33m');
    const noColor = await cli(['waterfall', '--dir', dir], { NO_COLOR: '1' });
    expect(noColor.stdout.toString()).not.toContain('\u001B[');
  });

  test('waterfall --json gives the record and its critical path', async () => {
    const dir = knownStore();
    const result = await cli(['waterfall', '--dir', dir, '--run', 'run-2', '--json']);
    expect(JSON.parse(result.stdout.toString())).toMatchObject({ record: { run_id: 'run-2' }, critical_path: ['a', 'b'] });
  });

  test('slow lists hooks over the threshold with suggestions; --json too', async () => {
    const dir = knownStore();
    const text = await cli(['slow', '--dir', dir, '--threshold', '35ms']);
    expect(text.code).toBe(0);
    expect(text.stdout.toString()).toContain('UserPromptSubmit › a: p95 40 ms');
    const json = JSON.parse((await cli(['slow', '--dir', dir, '--threshold', '35ms', '--json'])).stdout.toString());
    expect(json.threshold_ms).toBe(35);
    expect(json.slow.map((hook: { id: string }) => hook.id)).toEqual(['a', 'c']);
    expect(json.slow[0].suggestions.length).toBeGreaterThan(0);
  });

  test('user mistakes are one line naming the flag, exit 1', async () => {
    const dir = knownStore();
    const since = await cli(['report', '--dir', dir, '--since', 'yesterday']);
    expect(since.code).toBe(1);
    expect(since.stderr.toString()).toBe(
      'hook-monitor: --since: expected an age like 7d, 12h, 30m or an ISO date like 2026-01-31, got "yesterday"\n',
    );
    const threshold = await cli(['slow', '--dir', dir, '--threshold', 'fast']);
    expect(threshold.stderr.toString()).toContain('--threshold: expected a duration like 100ms');
    const unknown = await cli(['report', '--bogus']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.toString().trim().split('\n')).toHaveLength(1);
  });

  test('--help lists every command with examples; --version prints the version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['report', 'waterfall', 'html', 'slow', 'wrap']) expect(help.stdout.toString()).toContain(`hook-monitor ${command}`);
    expect((await cli(['report', '--help'])).stdout.toString()).toContain('Examples:');
    expect((await cli(['--version'])).stdout.toString()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
