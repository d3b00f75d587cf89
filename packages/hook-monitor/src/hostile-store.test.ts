// Stores a careless or hostile world produces: a run with ~130k hooks, lines longer than any record,
// and a store that must stay private. Real files, the real CLI where it matters.
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { lastRun } from './find-run.js';
import { readLinesBackward } from './read-lines-backward.js';
import { recordRun } from './record-run.js';
import { renderWaterfall } from './render-waterfall.js';
import { scanStore } from './scan-store.js';
import { serializeRecord } from './serialize-record.js';
import { svgWaterfall } from './svg-waterfall.js';
import { BIN, tempDir } from './test-helpers/paths.js';
import { runProcess } from './test-helpers/run-process.js';
import { sampleRecord } from './test-helpers/sample-record.js';
import type { HookRunRecord } from './types.js';

const HUGE_RUN = 130_000;

function hugeRecord(): HookRunRecord {
  const hooks: Array<[string, number, number]> = [];
  for (let i = 0; i < HUGE_RUN; i++) hooks.push([`hook-${i}`, i % 50, (i % 50) + 5]);
  return sampleRecord('huge', hooks, { wall_ms: 60 });
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('a run with ~130k hooks', () => {
  test('waterfall and SVG render it (no spread of every hook into one call)', () => {
    const record = hugeRecord();
    const text = renderWaterfall(record, { width: 100 });
    expect(text.split('\n')).toHaveLength(HUGE_RUN + 4);
    const svg = svgWaterfall(record);
    expect(svg.match(/<rect class="bar/g)).toHaveLength(HUGE_RUN);
  }, 90_000);

  test('the CLI draws it: waterfall --last exits 0 without a stack', async () => {
    const dir = tempDir();
    recordRun(hugeRecord(), { dir });
    const waterfall = await runProcess(process.execPath, [BIN, 'waterfall', '--dir', dir, '--last', '--width', '90']);
    expect({ code: waterfall.code, stderr: waterfall.stderr.toString() }).toEqual({ code: 0, stderr: '' });
    expect(waterfall.stdout.toString()).toContain('hook-129999');
  }, 90_000);
});

describe('lines longer than any record', () => {
  test('scanStore counts a line past the limit as corrupt, keeps the records around it, holds none of it', async () => {
    const dir = tempDir();
    const record = (id: string) => serializeRecord(sampleRecord(id, [['a', 0, 1]]), { storeInput: false });
    fs.writeFileSync(path.join(dir, 'runs.jsonl'), `${record('r1')}${'x'.repeat(3 * 1024 * 1024)}\n${record('r2')}${'y'.repeat(5 * 1024 * 1024)}`);
    const seen: string[] = [];
    const stats = await scanStore({ dir, maxLineBytes: 1024 * 1024 }, (r) => seen.push(r.run_id));
    expect(seen).toEqual(['r1', 'r2']);
    expect(stats).toMatchObject({ records: 2, corrupt: 2 });
    expect(stats.corruptAt[0]).toBe(`${path.join(dir, 'runs.jsonl')}:2 (longer than 1 MiB)`);
  });

  test('readLinesBackward: newest first, across chunk edges, skipping what is too long', () => {
    const dir = tempDir();
    const file = path.join(dir, 'f');
    const long = 'é'.repeat(700_000); // 1.4 MB, split across 1 MiB chunks mid-character
    const text = `first\n${long}\n${'z'.repeat(3_000_000)}\nlast`;
    fs.writeFileSync(file, text);
    const size = Buffer.byteLength(text);
    expect([...readLinesBackward(file, size, 2_000_000)].map((l) => (l.length > 20 ? `${l[0]}×${l.length}` : l))).toEqual([
      'last',
      `é×${long.length}`,
      'first',
    ]);
  });

  test('lastRun passes over a trailing line past 64 MiB to the record before it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'runs.jsonl');
    recordRun(sampleRecord('before', [['a', 0, 1]]), { dir });
    const fd = fs.openSync(file, 'a');
    const mib = Buffer.alloc(1024 * 1024, 'q');
    for (let i = 0; i < 65; i++) fs.writeSync(fd, mib);
    fs.closeSync(fd);
    expect(lastRun({ dir })?.run_id).toBe('before');
  });
});

describe('the store stays private', () => {
  test('HOOK_MONITOR_STORE_INPUT=1: prompts land in a 0600 file in a 0700 directory, through rotation', () => {
    const dir = path.join(tempDir(), 'store');
    const previous = process.env.HOOK_MONITOR_STORE_INPUT;
    process.env.HOOK_MONITOR_STORE_INPUT = '1';
    try {
      for (let i = 0; i < 3; i++) recordRun(sampleRecord(`r${i}`, [['a', 0, 1]], { input: '{"prompt":"PRIVATE PROMPT"}' }), { dir, rotateBytes: 10 });
    } finally {
      if (previous === undefined) delete process.env.HOOK_MONITOR_STORE_INPUT;
      else process.env.HOOK_MONITOR_STORE_INPUT = previous;
    }
    expect(mode(dir)).toBe(0o700);
    const files = fs.readdirSync(dir);
    expect(files.length).toBe(3);
    for (const name of files) expect([name, mode(path.join(dir, name))]).toEqual([name, 0o600]);
    expect(files.map((name) => fs.readFileSync(path.join(dir, name), 'utf8')).join('')).toContain('PRIVATE PROMPT');
  });

  test('a store file left 0644 by an older version is made 0600 when next written', () => {
    const dir = tempDir();
    const file = path.join(dir, 'runs.jsonl');
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    recordRun(sampleRecord('r1', [['a', 0, 1]]), { dir });
    expect(mode(file)).toBe(0o600);
  });
});
