// Hostile servers against the real CLI (child process, needs `dist/`): a server that echoes the key,
// sends terminal escapes in its errors, or never answers.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode, type NodeRun } from './test-helpers/node-run.js';

const BIN = fileURLToPath(new URL('../bin/oracle.js', import.meta.url));
const KEY = 'sk-planted-ORACLE-7c1e5b90';
// ESC [ 2 J clears the screen; OSC 0 retitles the window; CSI as the one-byte C1 control.
const ESCAPES = '\u001b[2J\u001b]0;pwned\u0007\u009b31m';

let sim: SimServer;
let dir: string;

function oracle(args: string[]): Promise<NodeRun> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: dir, OPENAI_API_KEY: KEY };
  return runNode([BIN, '--base-url', sim.baseURL, '--model', 'sim-1', ...args], { cwd: dir, env });
}

beforeAll(async () => {
  sim = await startSim({
    rules: [
      { match: { persona: 'critic' }, status: 500, reply: `upstream rejected ${KEY} ${ESCAPES}` },
      { match: { persona: 'skeptic' }, status: 401, reply: `bad key ${KEY} ${ESCAPES}` },
      { match: { user: '/^slow/' }, latencyMs: 3_600_000, reply: 'never' },
      { match: {}, reply: `Your key is ${KEY}. Answer: ${KEY}` },
    ],
  });
  dir = await mkdtemp(path.join(tmpdir(), 'oracle-faults-'));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('oracle against a hostile server', () => {
  test('a key echoed in answers and error bodies appears nowhere: text, --json, stderr', async () => {
    const runs = [
      await oracle(['-p', 'judge', 'hi']),
      await oracle(['--batch', 'judge,critic,skeptic', '--retries', '0', 'hi']),
      await oracle(['--json', '--batch', 'judge,critic,skeptic', '--retries', '0', 'hi']),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 1, 1]);
    expect(runs[0]!.stdout).toBe('Your key is ***. Answer: ***\n');
    for (const run of runs) expect(`${run.stdout}${run.stderr}`).not.toContain('planted-ORACLE');
  });

  test('terminal escapes in a server error are shown escaped, never raw', async () => {
    const run = await oracle(['--batch', 'critic,skeptic', '--retries', '0', 'hi']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m');
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\u0007\u009b]/);
    const json = await oracle(['--json', '-p', 'critic', '--retries', '0', 'hi']);
    expect(json.stdout).not.toMatch(/\\u001b|[\u001b\u009b]/);
  });

  test('a server that never answers: each attempt times out, and a timeout is tried only once more', async () => {
    sim.resetStats();
    const run = await oracle(['--timeout', '0.3', '--retries', '5', 'slow']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('oracle: timed out after 0.3 s (--timeout)\n');
    expect(sim.stats().requests).toBe(2);
  });

  test('--help says what limits an attempt without --timeout', async () => {
    const help = await oracle(['--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      '--timeout Seconds per attempt [default: none, but an attempt with nothing arriving for 120 s fails]; a timed-out attempt is tried once more',
    );
  });
});
