import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { runCli } from '../test-helpers/cli.js';
import { withTempDir } from '../test-helpers/tmp.js';
import { shardOf } from './shard.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ latencyMs: { min: 0, max: 5 } });
});
afterAll(() => sim.close());

const connect = () => ['--base-url', sim.baseURL, '--model', 'sim-1'];
const ids = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { id: string }).id);

/** Runs shards 1..k of `q --n n --vote` into t/r<i>.jsonl and returns the files. */
async function runShards(dir: (name: string) => string, n: number, k: number, extra: readonly string[] = []): Promise<string[]> {
  const files = Array.from({ length: k }, (_, i) => dir(`r${i + 1}.jsonl`));
  const runs = await Promise.all(
    files.map((out, i) =>
      runCli(['q', '--n', String(n), '--vote', '--shard', `${i + 1}/${k}`, '--concurrency', '200', '--out', out, '--json', ...extra, ...connect()]),
    ),
  );
  for (const r of runs) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return files;
}

describe('swarm --shard and swarm merge (built binary, real llm-sim)', () => {
  // 2k items, not the 10k: this busy 2-core machine runs the 10k split in the bench.
  test('4 shards of 2k, merged: 2k unique ids and the same vote tally as one unsharded run', () =>
    withTempDir(async (t) => {
      const n = 2000;
      const whole = await runCli(['q', '--n', String(n), '--vote', '--concurrency', '400', '--out', t.file('all.jsonl'), '--json', ...connect()]);
      expect(whole.code).toBe(0);
      const files = await runShards(t.file, n, 4);
      const shardIds = files.map(ids);
      shardIds.forEach((list, i) => {
        expect(list.length).toBeGreaterThan(n / 8); // a real share, not all or nothing
        expect(list.every((id) => shardOf(id, 4) === i + 1)).toBe(true);
      });
      const merged = await runCli(['merge', t.file('merged.jsonl'), ...files, '--json']);
      expect({ code: merged.code, stderr: merged.stderr }).toEqual({ code: 0, stderr: '' });
      const summary = JSON.parse(merged.stdout) as Record<string, unknown>;
      const unsharded = JSON.parse(whole.stdout) as Record<string, unknown>;
      expect(summary).toMatchObject({ n, ok: n, failed: 0, files: 4, shards: 4 });
      expect(summary.votes).toEqual(unsharded.votes);
      expect(summary.winner).toBe(unsharded.winner);
      const mergedIds = ids(t.file('merged.jsonl'));
      expect(mergedIds).toHaveLength(n);
      expect(new Set(mergedIds).size).toBe(n);
      // The merged file is the work without a shard: an unsharded --resume finds it complete.
      const resumed = await runCli(['q', '--n', String(n), '--vote', '--out', t.file('merged.jsonl'), '--resume', '--json', ...connect()]);
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ n, ok: 0, skipped: n, votes: unsharded.votes });
    }), 120_000);

  test('a missing shard, a short shard, a doubled id and a torn line are refused, writing nothing', () =>
    withTempDir(async (t) => {
      const files = await runShards(t.file, 200, 3);
      const out = t.file('m.jsonl');
      const merge = (...inputs: string[]) => runCli(['merge', out, ...inputs]);

      let r = await merge(files[0]!, files[2]!);
      expect({ code: r.code, stderr: r.stderr.trim() }).toEqual({ code: 2, stderr: 'swarm: shard 2/3 missing: give every shard\'s results file' });
      r = await merge(files[0]!, files[0]!, files[2]!);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/are both shard 1\/3/);

      // A shard with a line lost (e.g. a run stopped early) does not add up.
      const text = readFileSync(files[1]!, 'utf8');
      writeFileSync(files[1]!, text.slice(text.indexOf('\n') + 1));
      r = await merge(...files);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/holds \d+ of the \d+ items of shard 2\/3: finish it with swarm … --shard 2\/3 --resume/);
      // Finish it as the message says, then a line of shard 1 doubled inside shard 3's file.
      expect((await runCli(['q', '--n', '200', '--vote', '--shard', '2/3', '--out', files[1]!, '--resume', ...connect()])).code).toBe(0);
      const first = readFileSync(files[0]!, 'utf8').split('\n')[0]!;
      appendFileSync(files[2]!, `${first}\n`);
      r = await merge(...files);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/ is in both .*r1\.jsonl and .*r3\.jsonl: each item must be answered once/);

      writeFileSync(files[2]!, readFileSync(files[2]!, 'utf8').replace(`${first}\n`, '') + '{"id":"torn');
      r = await merge(...files);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/r3\.jsonl ends in a torn line/);
      expect(() => readFileSync(out)).toThrow(/ENOENT/);
    }), 120_000);

  test('a shard resumes only as the same shard; merge refuses shards of different work', () =>
    withTempDir(async (t) => {
      const files = await runShards(t.file, 100, 2);
      const other = await runCli(['q', '--n', '100', '--vote', '--shard', '1/3', '--out', files[0]!, '--resume', ...connect()]);
      expect(other.code).toBe(2);
      expect(other.stderr).toMatch(/was made from a different shard/);
      const again = await runCli(['q', '--n', '100', '--vote', '--shard', '1/2', '--out', files[0]!, '--resume', '--json', ...connect()]);
      expect(JSON.parse(again.stdout)).toMatchObject({ ok: 0, shard: '1/2' });

      const elsewhere = t.file('x2.jsonl');
      expect((await runCli(['other prompt', '--n', '100', '--vote', '--shard', '2/2', '--out', elsewhere, ...connect()])).code).toBe(0);
      const r = await runCli(['merge', t.file('m.jsonl'), files[0]!, elsewhere]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/x2\.jsonl was made from a different prompt than .*r1\.jsonl/);
      const bad = await runCli(['q', '--n', '10', '--shard', '3/2', '--out', t.file('z.jsonl'), ...connect()]);
      expect({ code: bad.code, stderr: bad.stderr.trim() }).toEqual({ code: 2, stderr: 'swarm: --shard must be i/k with 1 ≤ i ≤ k (e.g. --shard ' +
        '2/4), got "3/2"' });
    }), 120_000);

  test('merge without votes in the lines tallies them on --vote; an existing OUT needs --force', () =>
    withTempDir(async (t) => {
      const files = [t.file('a.jsonl'), t.file('b.jsonl')];
      for (const [i, out] of files.entries()) {
        expect((await runCli(['q', '--n', '50', '--shard', `${i + 1}/2`, '--out', out, ...connect()])).code).toBe(0);
      }
      const out = t.file('m.jsonl');
      const plain = await runCli(['merge', out, ...files, '--json']);
      expect(JSON.parse(plain.stdout)).not.toHaveProperty('votes');
      const again = await runCli(['merge', out, ...files, '--json', '--vote']);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/already holds results/);
      const voted = await runCli(['merge', out, ...files, '--json', '--vote', '--force']);
      const summary = JSON.parse(voted.stdout) as { n: number; votes: Record<string, number> };
      expect(summary.n).toBe(50);
      expect(Object.values(summary.votes).reduce((a, b) => a + b, 0)).toBe(50);
      const text = await runCli(['merge', t.file('m2.jsonl'), ...files]);
      expect(text.stdout).toMatch(/^swarm merge: 50 items from 2 shards, 50 ok, 0 failed; each id once\n/);
    }), 120_000);
});
