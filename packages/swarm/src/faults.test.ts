// Careless and hostile inputs against the built binary and a real llm-sim on 127.0.0.1: a server that
// echoes the key and sends terminal escapes, results files that are the input, a directory, a full
// disk, a FIFO, a second swarm on the same file, a rerun that would empty it.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { runCli, startCli, type CliResult } from './test-helpers/cli.js';
import { eventually } from './test-helpers/sim.js';
import { withTempDir } from './test-helpers/tmp.js';

const KEY = 'sk-planted-SWARM-3f9a1c77';
const ESCAPES = '\u001b[2J\u001b]0;pwned\u0007\u009b31m';
const WITH_KEY = { OPENAI_API_KEY: KEY };

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({
    latencyMs: { min: 1, max: 10 },
    batchDelayMs: 200,
    rules: [
      { match: { user: '/^fail/' }, status: 500, reply: `upstream saw ${KEY} ${ESCAPES}` },
      { match: { user: '/^auth/' }, status: 401, reply: `bad key ${KEY} ${ESCAPES}` },
      { match: {}, reply: `Your key is ${KEY}. Answer: ${KEY}` },
    ],
  });
});
afterAll(() => sim.close());

const connect = () => ['--base-url', sim.baseURL, '--model', 'sim-1'];

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(e.parentPath, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

function oneLine(r: CliResult): string {
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r.stderr;
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('a planted key and terminal escapes from the server', () => {
  test('appear in no output, log or store of any swarm path: results, sidecar, summary, --json, stderr, batch state', () =>
    withTempDir(async (t) => {
      const input = t.file('prompts.jsonl');
      writeFileSync(input, '{"id":"a","prompt":"hello"}\n{"id":"b","prompt":"fail please"}\n');
      const state = t.file('state');
      const runs = [
        await runCli(['hello', '--n', '5', '--vote', '--out', t.file('text.jsonl'), ...connect()], t.dir, [], WITH_KEY),
        await runCli(['hello', '--n', '5', '--vote', '--json', '--out', t.file('json.jsonl'), ...connect()], t.dir, [], WITH_KEY),
        await runCli(['--input', input, '--retries', '0', '--extract', 'Answer: (.*)', '--out', t.file('input.jsonl'), ...connect()], t.dir, [], WITH_KEY),
        await runCli(['auth', '--n', '3', '--out', t.file('auth.jsonl'), ...connect()], t.dir, [], WITH_KEY),
        await runCli(
          ['--input', input, '--batch-api', '--state-dir', state, '--poll-ms', '50', '--vote', '--out', t.file('batch.jsonl'), ...connect()],
          t.dir,
          [],
          WITH_KEY,
        ),
      ];
      expect(runs.map((r) => r.code)).toEqual([0, 0, 1, 2, 1]);
      expect(runs[0]!.stdout).toContain('votes: none; 5 without an answer');
      expect(readFileSync(t.file('text.jsonl'), 'utf8')).toContain('"content":"Your key is ***. Answer: ***"');
      const files = filesUnder(t.dir);
      expect(files.length).toBeGreaterThan(8);
      for (const text of [...runs.flatMap((r) => [r.stdout, r.stderr]), ...files.map((f) => readFileSync(f, 'utf8'))]) {
        expect(text).not.toContain('planted-SWARM');
        expect(text).not.toMatch(/[\u001b\u0007\u009b]/); // raw escapes (JSON files hold them escaped)
      }
      expect(runs[3]!.stderr).toContain('(401): bad key *** \\x1b[2J\\x1b]0;pwned\\x07\\x9b31m');
    }));

  test('the Batch API run keeps its prompts private: run directory 0700, input and state files 0600', () =>
    withTempDir(async (t) => {
      const state = t.file('state');
      const r = await runCli(['secret prompt', '--n', '4', '--batch-api', '--state-dir', state, '--poll-ms', '50', '--out', t.file('r.jsonl'), ...connect()]);
      expect(r.code).toBe(0);
      const runDir = readdirSync(state).find((name) => name.startsWith('swr_') && !name.endsWith('.json'))!;
      expect(mode(state)).toBe(0o700);
      expect(mode(path.join(state, runDir))).toBe(0o700);
      for (const file of filesUnder(state)) expect([file, mode(file)]).toEqual([file, 0o600]);
    }));
});

describe('results files a careless user points at the wrong thing', () => {
  test('--out the same file as --input (itself, a symlink, a hard link) is refused; the prompts stay', () =>
    withTempDir(async (t) => {
      const input = t.file('p.jsonl');
      const prompts = '{"id":"1","prompt":"hi"}\n{"id":"2","prompt":"ho"}\n';
      writeFileSync(input, prompts);
      symlinkSync(input, t.file('link.jsonl'));
      linkSync(input, t.file('hard.jsonl'));
      for (const out of [input, t.file('link.jsonl'), t.file('hard.jsonl')]) {
        const r = await runCli(['--input', input, '--out', out, ...connect()]);
        expect(r.code).toBe(2);
        expect(oneLine(r)).toBe(`swarm: --out ${out} is the same file as --input ${input}: the results would overwrite the prompts\n`);
      }
      expect(readFileSync(input, 'utf8')).toBe(prompts);
    }));

  test('--input a directory or a FIFO, --out a directory: one line, exit 2', () =>
    withTempDir(async (t) => {
      const fifo = t.file('fifo');
      execFileSync('mkfifo', [fifo]);
      const dir = await runCli(['--input', t.dir, '--out', t.file('r.jsonl'), ...connect()]);
      expect([dir.code, oneLine(dir)]).toEqual([2, `swarm: --input ${t.dir} is a directory; give a JSONL file of {"id","prompt"} lines\n`]);
      const pipe = await runCli(['--input', fifo, '--out', t.file('r.jsonl'), ...connect()]);
      expect([pipe.code, oneLine(pipe)]).toEqual([2, `swarm: --input ${fifo} is a FIFO; give a JSONL file of {"id","prompt"} lines\n`]);
      mkdirSync(t.file('outdir'));
      const outDir = await runCli(['q', '--n', '2', '--out', t.file('outdir'), ...connect()]);
      expect(outDir.code).toBe(2);
      expect(oneLine(outDir)).toContain('is a directory; name a file');
    }));

  test('an input line past 16 MiB is an input error naming its line, not memory without end', () =>
    withTempDir(async (t) => {
      const input = t.file('p.jsonl');
      writeFileSync(input, `{"id":"1","prompt":"hi"}\n{"id":"2","prompt":"${'x'.repeat(17 * 1024 * 1024)}"}\n`);
      const r = await runCli(['--input', input, '--out', t.file('r.jsonl'), ...connect()]);
      expect([r.code, oneLine(r)]).toEqual([2, `swarm: ${input}:2: longer than 16 MiB\n`]);
      const skipped = await runCli(['--input', input, '--skip-invalid', '--json', '--out', t.file('r.jsonl'), ...connect()]);
      expect(skipped.code).toBe(0);
      expect(JSON.parse(skipped.stdout)).toMatchObject({ n: 1, ok: 1, invalid: 1 });
    }));

  test('a full disk mid-run exits 1 with one line; --resume on a device or a FIFO is refused at once', () =>
    withTempDir(async (t) => {
      const full = await runCli(['q', '--n', '20', '--out', '/dev/full', ...connect()]);
      expect([full.code, oneLine(full)]).toEqual([1, 'swarm: cannot write /dev/full: the disk is full (ENOSPC); nothing was written\n']);
      const resumeDevice = await runCli(['q', '--n', '20', '--out', '/dev/full', '--resume', ...connect()]);
      expect([resumeDevice.code, oneLine(resumeDevice)]).toEqual([
        2,
        'swarm: --out /dev/full is a device: --resume reads the results back, so it needs a regular file\n',
      ]);
      const fifo = t.file('fifo');
      execFileSync('mkfifo', [fifo]);
      const resumeFifo = await runCli(['q', '--n', '20', '--out', fifo, '--resume', ...connect()]);
      expect(resumeFifo.code).toBe(2);
      expect(oneLine(resumeFifo)).toContain('is a FIFO: --resume reads the results back');
      const unread = await runCli(['q', '--n', '20', '--out', fifo, ...connect()]);
      expect([unread.code, oneLine(unread)]).toEqual([2, `swarm: --out ${fifo} is a FIFO that nobody reads\n`]);
    }));
});

describe('one results file, several runs', () => {
  test('a second swarm on the same --out is refused while the first runs; the file ends with every id once', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      const args = ['q', '--n', '3000', '--concurrency', '8', '--out', out, ...connect()];
      const first = startCli([...args, '--json']);
      await eventually(() => existsSync(out) && statSync(out).size > 0, Boolean, 20_000);
      const second = await runCli([...args, '--resume']);
      expect(second.code).toBe(2);
      expect(oneLine(second)).toMatch(/^swarm: .*r\.jsonl is being written by another swarm \(pid \d+\); wait for it to finish or stop it\n$/);
      expect((await first.done).code).toBe(0);
      const ids = readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
      expect(ids).toHaveLength(3000);
      expect(new Set(ids).size).toBe(3000);
      expect(existsSync(`${out}.lock`)).toBe(false);
    }));

  test('a lock left by a killed swarm is stale: the next run takes it', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      const args = ['q', '--n', '4000', '--concurrency', '8', '--out', out, ...connect()];
      const first = startCli(args);
      await eventually(() => existsSync(out) && statSync(out).size > 0, Boolean, 20_000);
      first.child.kill('SIGKILL');
      await first.done;
      expect(existsSync(`${out}.lock`)).toBe(true);
      const resumed = await runCli([...args, '--resume', '--json']);
      expect(resumed.code).toBe(0);
      expect(new Set(readFileSync(out, 'utf8').trim().split('\n')).size).toBe(4000);
      expect(existsSync(`${out}.lock`)).toBe(false);
    }));

  test('a rerun without --resume never empties results silently; --force does, on purpose', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      expect((await runCli(['q', '--n', '5', '--out', out, ...connect()])).code).toBe(0);
      const before = readFileSync(out, 'utf8');
      const again = await runCli(['q', '--n', '3', '--out', out, ...connect()]);
      expect(again.code).toBe(2);
      expect(oneLine(again)).toBe(
        `swarm: ${out} already holds results (${Buffer.byteLength(before)} bytes): --resume finishes that run, --force empties it and starts over\n`,
      );
      expect(readFileSync(out, 'utf8')).toBe(before);
      const forced = await runCli(['q', '--n', '3', '--out', out, '--force', ...connect()]);
      expect(forced.code).toBe(0);
      expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
    }));

  test('--resume with a different prompt, model or input is refused naming what changed; --force mixes them', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      expect((await runCli(['first prompt', '--n', '4', '--out', out, ...connect()])).code).toBe(0);
      const made = JSON.parse(readFileSync(`${out}.swarm.json`, 'utf8')) as { made_from: Record<string, unknown> };
      expect(made.made_from).toMatchObject({ provider: 'openai', model: 'sim-1', system: null, temperature: null });
      expect(made.made_from['prompt']).toMatch(/^sha256:[0-9a-f]{64}$/);

      const other = await runCli(['other prompt', '--n', '6', '--out', out, '--resume', '--temperature', '0.5', ...connect()]);
      expect(other.code).toBe(2);
      expect(oneLine(other)).toBe(
        `swarm: --resume: ${out} was made from a different prompt, temperature (see r.jsonl.swarm.json); use the same work and flags, or --force to mix them\n`,
      );
      const more = await runCli(['first prompt', '--n', '6', '--out', out, '--resume', '--json', ...connect()]);
      expect(more.code).toBe(0);
      expect(JSON.parse(more.stdout)).toMatchObject({ ok: 2, skipped: 4 });
      const forced = await runCli(['other prompt', '--n', '8', '--out', out, '--resume', '--force', '--json', ...connect()]);
      expect(forced.code).toBe(0);
      expect(JSON.parse(forced.stdout)).toMatchObject({ ok: 2, skipped: 6 });

      const input = t.file('p.jsonl');
      const inOut = t.file('in.jsonl');
      writeFileSync(input, '{"id":"1","prompt":"hi"}\n');
      expect((await runCli(['--input', input, '--out', inOut, ...connect()])).code).toBe(0);
      writeFileSync(input, '{"id":"1","prompt":"changed"}\n{"id":"2","prompt":"new"}\n');
      const changed = await runCli(['--input', input, '--out', inOut, '--resume', ...connect()]);
      expect(changed.code).toBe(2);
      expect(oneLine(changed)).toContain('was made from a different input');
    }));
});
