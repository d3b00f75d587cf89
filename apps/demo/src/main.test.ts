// The main job, end to end: the built demo runs every step against the simulator and says what it
// measured. Numbers vary with the machine; what must hold is that each step ran and reported.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@jest/globals';

const main = path.resolve(import.meta.dirname, '../dist/main.js');

test('the demo runs oracle, council, swarm, the hook executor and offload offline and exits 0', () => {
  const run = spawnSync(process.execPath, [main], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 120_000 });
  expect(run.stderr).not.toMatch(/demo failed/);
  expect(run.status).toBe(0);
  const out = run.stdout;
  expect(out).toMatch(/1\. oracle --batch/);
  expect(out).toMatch(/judge .*\n.*critic .*\n.*skeptic /);
  expect(out).toMatch(/wall \d+ ms — one after another the same three would take/);
  expect(out).toMatch(/round 2: 3 answers in parallel, arbiter: converged/);
  expect(out).toMatch(/converged at round 2; [1-9]\d* speculative calls for the next round cancelled in flight/);
  expect(out).toMatch(/read committed +█+ \d+/);
  expect(out).toMatch(/winner: read committed/);
  expect(out).toMatch(/1000 ok in/);
  expect(out).toMatch(/21 hook contexts merged in config order/);
  expect(out).toMatch(/critical path/);
  expect(out).toMatch(/5\. offload: /);
  expect(out).toMatch(/\n {2}packages\/[\w-]+\/src\/[\w/.-]+:\d+ {2,}.*(redact|secretsFromEnv)/i);
  expect(out).toMatch(
    /[\d,]+ tokens read by \d+ readers at once → [\d,]+ tokens of answer \(\d+× less\) in [\d.]+ m?s; [1-9]\d* made-up quotes caught and dropped/,
  );
  expect(out).toMatch(/Done in [\d.]+ s\. The same commands against a real endpoint/);
}, 150_000);
