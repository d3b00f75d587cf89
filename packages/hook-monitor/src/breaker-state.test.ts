import { describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BREAKER_FILE, readBreakerState } from './breaker-state.js';
import { updateBreakerState } from './breaker-update.js';
import { PACKAGE_DIR, tempDir } from './test-helpers/paths.js';

const DIST_BREAKER = path.join(PACKAGE_DIR, 'dist', 'breaker.js');

function bump(key: string) {
  return (state: { hooks: Record<string, { id: string; event: string; failures: number; timeouts: number; counted: number; updatedAt: number }> }) => {
    const entry = (state.hooks[key] ??= { id: key, event: 'E', failures: 0, timeouts: 0, counted: 0, updatedAt: 0 });
    entry.counted++;
    return true;
  };
}

describe('the state file', () => {
  test('missing or damaged reads as no breaker; an update replaces it whole, private to its owner', async () => {
    const dir = tempDir();
    expect(readBreakerState(dir)).toEqual({ v: 1, hooks: {} });
    fs.writeFileSync(path.join(dir, BREAKER_FILE), '{"v":1,"hooks":{"a":');
    expect(readBreakerState(dir)).toEqual({ v: 1, hooks: {} });
    const update = await updateBreakerState(dir, bump('a'));
    expect(update).toMatchObject({ written: true, waits: 0 });
    expect(readBreakerState(dir).hooks.a!.counted).toBe(1);
    expect(fs.statSync(path.join(dir, BREAKER_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual([BREAKER_FILE]); // no lock, no temp file left
    expect(await updateBreakerState(dir, () => false)).toMatchObject({ written: false });
  });

  test('creates the store directory when there is none', async () => {
    const dir = path.join(tempDir(), 'not', 'yet');
    expect(await updateBreakerState(dir, bump('a'))).toMatchObject({ written: true });
    expect(readBreakerState(dir).hooks.a!.counted).toBe(1);
  });
});

describe('the lock', () => {
  test('a lock left by a process that died is broken at once', async () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(path.join(dir, `${BREAKER_FILE}.lock`), `${dead} 0 1 x`);
    expect(await updateBreakerState(dir, bump('a'), { timeoutMs: 2000 })).toMatchObject({ written: true });
    expect(fs.existsSync(path.join(dir, `${BREAKER_FILE}.lock`))).toBe(false);
  });

  test('a live holder is waited for (the update gives up at its timeout); a lock older than staleMs is broken', async () => {
    const dir = tempDir();
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const lock = path.join(dir, `${BREAKER_FILE}.lock`);
      fs.writeFileSync(lock, `${holder.pid} 0 1 x`);
      expect(await updateBreakerState(dir, bump('a'), { timeoutMs: 150 })).toMatchObject({ written: false, error: 'lock timeout' });
      expect(readBreakerState(dir).hooks).toEqual({});
      const old = new Date(Date.now() - 60_000);
      fs.utimesSync(lock, old, old);
      expect(await updateBreakerState(dir, bump('a'), { timeoutMs: 150, staleMs: 30_000 })).toMatchObject({ written: true });
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

// 20 real processes, as 20 Claude Code sessions' executors, each making 25 updates as fast as it
// can, all starting together, while this process keeps reading the file. (Far more contention than
// sessions make: they write only when a breaker changes. The lock's wait is measured by
// `pnpm bench --only hook-breaker`; here the point is that nothing is lost or torn.)
const WRITER = `
import { updateBreakerState } from ${JSON.stringify(DIST_BREAKER)};
const [dir, writer, count] = process.argv.slice(2);
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  let failed = 0;
  for (let i = 0; i < Number(count); i++) {
    const update = await updateBreakerState(dir, (state) => {
      const shared = (state.hooks.shared ??= { id: 'shared', event: 'E', failures: 0, timeouts: 0, counted: 0, updatedAt: 0 });
      shared.counted++;
      const own = (state.hooks[writer] ??= { id: writer, event: 'E', failures: 0, timeouts: 0, counted: 0, updatedAt: 0 });
      own.counted++;
      return true;
    }, { timeoutMs: 60_000 });
    if (!update.written) failed++;
  }
  process.stdout.write(JSON.stringify({ failed }) + '\\n');
  process.exit(failed === 0 ? 0 : 1);
});
`;

test('20 processes updating at once: no update lost, no reader ever sees a torn file', async () => {
  const dir = tempDir();
  const script = path.join(tempDir(), 'writer.mjs');
  fs.writeFileSync(script, WRITER);
  const writers = 20;
  const count = 25;
  const children = Array.from({ length: writers }, (_, w) =>
    spawn(process.execPath, [script, dir, `w${w}`, String(count)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  await Promise.all(children.map((child) => new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))));
  const exits = children.map((child) => new Promise<number | null>((resolve) => child.on('close', resolve)));
  for (const child of children) child.stdin.write('go\n');

  let done = false;
  let reads = 0;
  let last = 0;
  const reader = (async () => {
    while (!done) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(path.join(dir, BREAKER_FILE), 'utf8');
      } catch {
        text = undefined; // not written yet
      }
      if (text !== undefined) {
        const counted = (JSON.parse(text) as { hooks: { shared: { counted: number } } }).hooks.shared.counted; // throws on a torn file
        expect(counted).toBeGreaterThanOrEqual(last);
        last = counted;
        reads++;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  try {
    expect(await Promise.all(exits)).toEqual(children.map(() => 0));
  } finally {
    done = true;
  }
  await reader;
  const state = readBreakerState(dir);
  expect(state.hooks.shared!.counted).toBe(writers * count);
  for (let w = 0; w < writers; w++) expect(state.hooks[`w${w}`]!.counted).toBe(count);
  expect(reads).toBeGreaterThan(0);
  expect(fs.readdirSync(dir)).toEqual([BREAKER_FILE]);
}, 60_000);
