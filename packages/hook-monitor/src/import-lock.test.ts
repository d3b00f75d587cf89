// Several `hook-monitor import` processes started at once on one store: together they import every
// event firing exactly once (the lock makes the late ones wait, then find nothing new).
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { importLockPath, takeImportLock } from './import-lock.js';
import { scanStore } from './scan-store.js';
import { BIN, tempDir } from './test-helpers/paths.js';
import { runProcess } from './test-helpers/run-process.js';
import { generateTranscripts } from './test-helpers/transcript-generator.js';
import type { HookRunRecord } from './types.js';

describe('hook-monitor import under concurrency', () => {
  test('four imports at once: each run stored once, the late imports waited and added nothing', async () => {
    const root = tempDir();
    const from = path.join(root, 'projects');
    const dir = path.join(root, 'store');
    // Large enough that one import outlasts the others' start-up: they overlap for sure.
    const made = generateTranscripts(from, { sessions: 60, promptsPerSession: 40 });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => runProcess(process.execPath, [BIN, 'import', '--from', from, '--dir', dir, '--json'], { timeoutMs: 120_000 })),
    );
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const imported = results.map((r) => (JSON.parse(r.stdout.toString()) as { runs: number }).runs);
    expect(imported.reduce((a, b) => a + b, 0)).toBe(made.runs);
    expect(results.filter((r) => r.stderr.toString().includes('another import')).length).toBeGreaterThanOrEqual(1);
    const ids: string[] = [];
    await scanStore({ dir }, (record: HookRunRecord) => ids.push(record.run_id));
    expect(ids).toHaveLength(made.runs);
    expect(new Set(ids).size).toBe(made.runs);
    expect(fs.existsSync(importLockPath(dir))).toBe(false);
  }, 180_000);

  test('a lock left by a killed import is broken: the next import goes ahead', async () => {
    const dir = tempDir();
    const child = await runProcess(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(importLockPath(dir))}, process.pid + ' 0 1 x')`]);
    expect(child.code).toBe(0);
    const lock = await takeImportLock(dir, { waitMs: 5000 });
    lock.check();
    lock.release();
    expect(fs.existsSync(importLockPath(dir))).toBe(false);
  });

  test('a live holder past the wait: a one-line BUSY error naming its pid', async () => {
    const dir = tempDir();
    const first = await takeImportLock(dir);
    try {
      let told: number | undefined;
      await expect(takeImportLock(dir, { waitMs: 300, onWait: (pid) => (told = pid) })).rejects.toMatchObject({
        code: 'BUSY',
        message: expect.stringContaining(`pid ${process.pid}`),
      });
      expect(told).toBe(process.pid);
    } finally {
      first.release();
    }
  });
});
