import { describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DIST_INDEX, storeLines, tempDir } from './test-helpers/paths.js';

// Each writer is a real `node` process using the built recorder. All of them wait on a shared
// start signal (a line on stdin) so their appends really overlap.
const WRITER = `
import { recordRun, recorderStats } from ${JSON.stringify(DIST_INDEX)};
const [dir, writer, count, rotateBytes] = process.argv.slice(2);
process.stdout.write('ready\\n');
process.stdin.once('data', () => {
  for (let i = 0; i < Number(count); i++) {
    recordRun({
      v: 1, run_id: writer + ':' + i, ts: new Date().toISOString(), event: 'UserPromptSubmit', source: 'run',
      wall_ms: i % 97, hooks: Array.from({ length: 8 }, (_, h) => ({
        id: 'hook-' + h, start_ms: 0, end_ms: h + (i % 13), exit_code: 0, timed_out: false, stdout_bytes: h, stderr_bytes: 0,
      })),
    }, { dir, ...(rotateBytes === '0' ? {} : { rotateBytes: Number(rotateBytes) }) });
  }
  const stats = recorderStats();
  process.stdout.write(JSON.stringify(stats) + '\\n');
  process.exit(stats.failed === 0 ? 0 : 1);
});
`;

async function runWriters(dir: string, writers: number, count: number, rotateBytes: number): Promise<void> {
  const script = path.join(dir, '..', `writer-${path.basename(dir)}.mjs`);
  fs.writeFileSync(script, WRITER);
  const children = Array.from({ length: writers }, (_, w) =>
    spawn(process.execPath, [script, dir, `w${w}`, String(count), String(rotateBytes)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const outputs = children.map(() => '');
  await Promise.all(
    children.map(
      (child, w) =>
        new Promise<void>((resolve) =>
          child.stdout.on('data', (chunk: Buffer) => {
            outputs[w] += chunk.toString();
            if (outputs[w]!.includes('ready')) resolve();
          }),
        ),
    ),
  );
  const exits = children.map((child) => new Promise<number | null>((resolve) => child.on('close', resolve)));
  for (const child of children) child.stdin.write('go\n');
  expect(await Promise.all(exits)).toEqual(children.map(() => 0));
}

function expectAllRecords(dir: string, writers: number, count: number): void {
  const lines = storeLines(dir);
  const ids = lines.map((line) => (JSON.parse(line) as { run_id: string; hooks: unknown[] }).run_id);
  expect(lines).toHaveLength(writers * count);
  expect(new Set(ids).size).toBe(writers * count);
  for (const line of lines) expect((JSON.parse(line) as { hooks: unknown[] }).hooks).toHaveLength(8);
}

describe('many processes appending at once', () => {
  test('20 processes × 500 records → exactly 10,000 intact records', async () => {
    const dir = path.join(tempDir(), 'store');
    await runWriters(dir, 20, 500, 0);
    expect(fs.readdirSync(dir)).toEqual(['runs.jsonl']);
    expectAllRecords(dir, 20, 500);
  }, 60_000);

  test('rotation while 20 processes append keeps every record', async () => {
    const dir = path.join(tempDir(), 'store');
    await runWriters(dir, 20, 500, 256 * 1024);
    const files = fs.readdirSync(dir);
    expect(files.length).toBeGreaterThan(5);
    expectAllRecords(dir, 20, 500);
  }, 60_000);
});
