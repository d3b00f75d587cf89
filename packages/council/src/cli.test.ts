// The built `council` binary end to end on the in-process llm-sim (`--provider sim --sim-rules`).
// Needs `dist/` (run the build first, as `npm test` does).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim, type SimRule, type SimServer } from '@fanout/llm-sim';

const bin = fileURLToPath(new URL('../bin/council.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'council-cli-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function council(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dir, // no project personas
      env: { PATH: process.env['PATH'], HOME: dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function rulesFile(name: string, rules: SimRule[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(rules));
  return file;
}

const convergeAt2 = (): SimRule[] => [
  { match: { persona: 'arbiter', round: 2 }, reply: { converged: true, synthesis: 'Cache it, with a TTL.' } },
  { match: { persona: 'arbiter' }, reply: { converged: false, synthesis: 'Not yet.' } },
  { match: { round: 3 }, latencyMs: 10_000, reply: 'too late' },
];
const sim = (rules: string, ...more: string[]): string[] => ['--provider', 'sim', '--sim-latency-ms', '20', '--sim-rules', rules, ...more];

beforeAll(() => {
  if (!existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url))))
    throw new Error('build council (and its dependencies) first: dist/cli.js is missing');
});

describe('council CLI', () => {
  test('--help shows examples without loading undici, openai or llm-sim (they load when the council runs)', () => {
    const hook = 'export async function load(url, context, next) { if (/\\/(undici|openai|llm-sim)\\//.test(url)) throw new Error(`loaded ' +
      '${url}`); return next(url, context); }';
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
    const help = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, bin, '--help'], { encoding: 'utf8' });
    expect({ code: help.status, stderr: help.stderr }).toEqual({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/\nExamples:\n {2}council /);
  });

  test('prints the converged synthesis on stdout', async () => {
    const run = await council([...sim(rulesFile('converge.json', convergeAt2())), 'Should we cache the orders table?']);
    expect(run).toEqual({ code: 0, stdout: 'Cache it, with a TTL.\n', stderr: '' });
  });

  test('--speculative --json: the JSON record, round 3 cancelled in flight, and a transcript', async () => {
    const transcript = path.join(dir, 'council.md');
    const started = performance.now();
    const run = await council([
      ...sim(rulesFile('converge2.json', convergeAt2()), '--speculative', '--json', '--transcript', transcript),
      'Should',
      'we cache?',
    ]);
    expect(performance.now() - started).toBeLessThan(9_000);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown> & { rounds: { round: number; answers: { persona: string }[]; verdict: unknown }[] };
    expect(result).toMatchObject({ final: 'Cache it, with a TTL.', converged_at: 2, calls: 11, cancelled_calls: 3 });
    expect(result['usage']).toEqual({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), cached_tokens: 0 });
    expect(typeof result['wall_ms']).toBe('number');
    expect(result.rounds.map((round) => round.round)).toEqual([1, 2]);
    expect(result.rounds[1]!.answers.map((answer) => answer.persona)).toEqual(['judge', 'critic', 'skeptic']);
    expect(result.rounds[1]!.verdict).toEqual({ converged: true, synthesis: 'Cache it, with a TTL.' });
    const markdown = readFileSync(transcript, 'utf8');
    expect(markdown).toContain('## Round 2');
    expect(markdown).toContain('### Verdict of arbiter: converged');
    expect(markdown).toMatch(/## Final synthesis\n\nCache it, with a TTL\./);
    expect(markdown).toContain('11 calls (3 cancelled)');
  });

  test('all personas failing: one line naming the cause, exit 1', async () => {
    const rules = rulesFile('fail.json', [{ match: { user: '\\n\\nRound \\d+ of \\d+\\.\\n' }, status: 500, reply: 'the model is down' }]);
    const run = await council([...sim(rules, '--retries', '0'), 'Anything?']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^council: all 3 personas failed: judge: .*500.*\n$/);
  });

  test('usage mistakes are one line and exit 2', async () => {
    const unknown = await council(['--provider', 'sim', '--personas', 'judge,nobody', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('council: unknown persona "nobody"; known: advocate, arbiter, critic, judge, pragmatist, skeptic\n');
    const noKey = await council(['x']);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/^council: Set OPENAI_API_KEY.*--provider sim\n$/);
    const badRules = await council(['--provider', 'sim', '--sim-rules', path.join(dir, 'missing.json'), 'x']);
    expect(badRules.code).toBe(2);
    expect(badRules.stderr).toMatch(/^council: --provider sim: .*missing\.json/);
    const noQuestion = await council(['--provider', 'sim']);
    expect(noQuestion).toMatchObject({ code: 2, stderr: 'council: no question: pass it as arguments or on stdin\n' });
  });

  describe('against an llm-sim that echoes the key', () => {
    let server: SimServer;
    const key = 'sk-planted-COUNCIL-91d2e6';
    beforeAll(async () => {
      server = await startSim({
        rules: [
          { match: { persona: 'arbiter' }, reply: { converged: true, synthesis: `Settled; your key is ${key}.` } },
          { match: { persona: 'skeptic' }, status: 500, reply: `upstream saw ${key}` },
          { match: {}, reply: `I know your key: ${key}. Answer: A` },
        ],
      });
    });
    afterAll(() => server.close());

    test('the key appears in no output: stdout, --json, stderr, the transcript', async () => {
      const transcript = path.join(dir, 'echo.md');
      const env = { OPENAI_API_KEY: key };
      const text = await council(['--base-url', server.baseURL, '--model', 'sim-1', '--retries', '0', '--transcript', transcript, 'x'], env);
      const json = await council(['--base-url', server.baseURL, '--model', 'sim-1', '--retries', '0', '--json', 'x'], env);
      expect([text.code, json.code]).toEqual([0, 0]);
      const written = readFileSync(transcript, 'utf8');
      expect(written).toContain('I know your key: ***. Answer: A');
      for (const output of [text.stdout, text.stderr, json.stdout, json.stderr, written]) expect(output).not.toContain('planted-COUNCIL');
    });
  });

  describe('against an llm-sim that wants a key', () => {
    let server: SimServer;
    beforeAll(async () => {
      server = await startSim({ apiKey: 'the-right-key-1234' });
    });
    afterAll(() => server.close());

    test('a wrong key is a 401 that names the variable, and the key is never printed', async () => {
      const key = 'sk-wrong-but-secret-5678';
      const run = await council(['--base-url', server.baseURL, '--retries', '0', '--json', 'x'], { OPENAI_API_KEY: key });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/all 3 personas failed: judge: .*OPENAI_API_KEY.*401/);
      expect(run.stdout + run.stderr).not.toContain(key);
    });
  });
});
