import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { recordRun } from './record-run.js';
import { scanStore } from './scan-store.js';
import { writeKnownStore } from './test-helpers/known-store.js';
import { tempDir } from './test-helpers/paths.js';
import { sampleRecord } from './test-helpers/sample-record.js';
import type { HookRunRecord } from './types.js';

async function ids(options: Parameters<typeof scanStore>[0]): Promise<{ ids: string[]; stats: Awaited<ReturnType<typeof scanStore>> }> {
  const seen: HookRunRecord[] = [];
  const stats = await scanStore(options, (record) => seen.push(record));
  return { ids: seen.map((record) => record.run_id), stats };
}

describe('scanStore', () => {
  test('skips and counts corrupt lines in the middle, reading every good record around them', async () => {
    const dir = tempDir();
    writeKnownStore(dir);
    const { ids: seen, stats } = await ids({ dir });
    expect(seen).toEqual(['run-1', 'run-2', 'run-3', 'run-4', 'run-5']);
    expect(stats.corrupt).toBe(2);
    expect(stats.corruptAt).toEqual([`${path.join(dir, 'runs.jsonl')}:3`, `${path.join(dir, 'runs.jsonl')}:4`]);
    expect(stats.records).toBe(5);
  });

  test('a valid JSON line that is not a record is corrupt too', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'runs.jsonl'), '{"v":1,"run_id":"x"}\n[1,2]\n{"v":2}\n');
    const { stats } = await ids({ dir });
    expect(stats.corrupt).toBe(3);
    expect(stats.records).toBe(0);
  });

  test('filters by time and event', async () => {
    const dir = tempDir();
    writeKnownStore(dir);
    const since = Date.parse('2026-01-03T00:00:00Z');
    expect((await ids({ dir, since })).ids).toEqual(['run-3', 'run-4', 'run-5']);
    expect((await ids({ dir, event: 'PreToolUse' })).ids).toEqual(['run-5']);
    const both = await ids({ dir, since, event: 'UserPromptSubmit' });
    expect(both.ids).toEqual(['run-3', 'run-4']);
    expect(both.stats.filtered).toBe(3);
  });

  test('reads rotated files oldest first, then runs.jsonl, and a missing store is empty', async () => {
    const dir = tempDir();
    for (let i = 0; i < 30; i++) recordRun(sampleRecord(`r${i}`, [['a', 0, i]]), { dir, rotateBytes: 600 });
    expect(fs.readdirSync(dir).length).toBeGreaterThan(3);
    expect((await ids({ dir })).ids).toEqual(Array.from({ length: 30 }, (_, i) => `r${i}`));
    expect((await ids({ dir: path.join(dir, 'absent') })).stats.records).toBe(0);
  });

  test('skips unread a file last written before --since', async () => {
    const dir = tempDir();
    recordRun(sampleRecord('old', [['a', 0, 1]], { ts: '2025-01-01T00:00:00.000Z' }), { dir });
    const old = Date.parse('2025-01-01T00:00:01Z') / 1000;
    fs.renameSync(path.join(dir, 'runs.jsonl'), path.join(dir, 'runs-20250101T000001000Z-1-a.jsonl'));
    fs.utimesSync(path.join(dir, 'runs-20250101T000001000Z-1-a.jsonl'), old, old);
    recordRun(sampleRecord('new', [['a', 0, 1]], { ts: new Date().toISOString() }), { dir });
    const { ids: seen, stats } = await ids({ dir, since: Date.parse('2025-06-01T00:00:00Z') });
    expect(seen).toEqual(['new']);
    expect(stats.files).toBe(1);
  });

  test('a long line split across read chunks is read whole', async () => {
    const dir = tempDir();
    const hooks = Array.from({ length: 12_000 }, (_, i): [string, number, number] => [`hook-${i}`, 0, i]);
    recordRun(sampleRecord('big', hooks), { dir });
    recordRun(sampleRecord('small', [['a', 0, 1]]), { dir });
    expect(fs.statSync(path.join(dir, 'runs.jsonl')).size).toBeGreaterThan(1024 * 1024);
    expect((await ids({ dir })).ids).toEqual(['big', 'small']);
  });
});
