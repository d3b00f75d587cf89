import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordRun, recorderStats } from './record-run.js';
import { defaultStoreDir } from './store-dir.js';
import { sampleRecord } from './test-helpers/sample-record.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hook-monitor-rec-'));
}

function lines(dir: string): string[] {
  return fs.readFileSync(path.join(dir, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean);
}

describe('recordRun', () => {
  test('creates the store directory lazily and appends one JSON line per run', () => {
    const dir = path.join(tempDir(), 'nested', 'store');
    recordRun(sampleRecord('r1', [['a', 0, 10]]), { dir });
    recordRun(sampleRecord('r2', [['a', 0, 12], ['b', 12, 20, { after: ['a'] }]]), { dir });
    const parsed = lines(dir).map((line) => JSON.parse(line));
    expect(parsed.map((r) => r.run_id)).toEqual(['r1', 'r2']);
    expect(parsed[1].hooks[1]).toEqual({
      id: 'b', after: ['a'], start_ms: 12, end_ms: 20, exit_code: 0, timed_out: false, stdout_bytes: 0, stderr_bytes: 0,
    });
  });

  test('never stores fields outside the contract (prompt text, tool input, hook output)', () => {
    const dir = tempDir();
    const leaky = {
      ...sampleRecord('r1', [['a', 0, 10]]),
      prompt: 'SECRET-PROMPT-TEXT',
      tool_input: { command: 'SECRET-COMMAND' },
    } as never;
    const hook = (leaky as { hooks: Array<Record<string, unknown>> }).hooks[0]!;
    hook.stdout = 'SECRET-OUTPUT';
    recordRun(leaky, { dir });
    const text = fs.readFileSync(path.join(dir, 'runs.jsonl'), 'utf8');
    expect(text).not.toMatch(/SECRET/);
    expect(JSON.parse(text).hooks[0].id).toBe('a');
  });

  test('drops `input` unless the user opted in, and truncates it when they did', () => {
    const dir = tempDir();
    const input = JSON.stringify({ prompt: 'SECRET-PROMPT '.repeat(400) });
    recordRun(sampleRecord('r1', [['a', 0, 1]], { input }), { dir });
    recordRun(sampleRecord('r2', [['a', 0, 1]], { input }), { dir, storeInput: true, maxInputChars: 50 });
    const [first, second] = lines(dir).map((line) => JSON.parse(line));
    expect(first.input).toBeUndefined();
    expect(second.input).toBe(`${input.slice(0, 50)}…`);
  });

  test('swallows and counts a failure instead of throwing', () => {
    const parent = tempDir();
    const blocker = path.join(parent, 'a-file');
    fs.writeFileSync(blocker, 'not a directory');
    const before = recorderStats().failed;
    expect(() => recordRun(sampleRecord('r1', [['a', 0, 1]]), { dir: path.join(blocker, 'store') })).not.toThrow();
    expect(() => recordRun(null as never, { dir: parent })).not.toThrow();
    expect(recorderStats().failed).toBe(before + 2);
    expect(recorderStats().lastError).toBeDefined();
  });

  test('rotates by size without losing a record', () => {
    const dir = tempDir();
    for (let i = 0; i < 200; i++) recordRun(sampleRecord(`r${i}`, [['a', 0, i]]), { dir, rotateBytes: 2000 });
    const files = fs.readdirSync(dir).sort();
    expect(files.length).toBeGreaterThan(5);
    expect(files).toContain('runs.jsonl');
    const ids = files.flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean))
      .map((line) => JSON.parse(line).run_id as string);
    expect(new Set(ids).size).toBe(200);
    expect(ids.length).toBe(200);
  });

  test('defaultStoreDir follows HOOK_MONITOR_DIR, else ~/.claude/hook-monitor', () => {
    const saved = process.env.HOOK_MONITOR_DIR;
    try {
      process.env.HOOK_MONITOR_DIR = '/tmp/somewhere';
      expect(defaultStoreDir()).toBe('/tmp/somewhere');
      delete process.env.HOOK_MONITOR_DIR;
      expect(defaultStoreDir()).toBe(path.join(os.homedir(), '.claude', 'hook-monitor'));
    } finally {
      if (saved === undefined) delete process.env.HOOK_MONITOR_DIR;
      else process.env.HOOK_MONITOR_DIR = saved;
    }
  });
});
