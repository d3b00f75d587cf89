// The real CLI as a child process (needs `dist/`: run the build first) against a real llm-sim.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedPort } from './test-helpers/net.js';
import { runNode, type NodeRun } from './test-helpers/node-run.js';

const BIN = fileURLToPath(new URL('../bin/oracle.js', import.meta.url));
const SECRET = 'sk-test-SECRET123';

let sim: SimServer;
let locked: SimServer;
let dir: string;

/** Runs `oracle` with a clean environment (no keys unless given), in `dir` by default. */
function oracle(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<NodeRun> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: dir, ...options.env };
  return runNode([BIN, ...args], { cwd: options.cwd ?? dir, env, input: options.input });
}

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)))) throw new Error('build @fanout/oracle first (dist/cli.js is missing)');
  sim = await startSim();
  locked = await startSim({ apiKey: 'sk-the-right-one' });
  dir = await mkdtemp(path.join(tmpdir(), 'oracle-cli-'));
});
afterEach(() => {
  sim.setOptions({ rules: [], latencyMs: 0 });
  sim.resetStats();
});
afterAll(async () => {
  await sim.close();
  await locked.close();
  await rm(dir, { recursive: true, force: true });
});

describe('oracle CLI', () => {
  test('--batch of 3: all in flight at once, sections in the order asked', async () => {
    sim.setOptions({
      rules: [
        { match: { persona: 'judge' }, reply: 'JUDGE ANSWER', latencyMs: 500 },
        { match: { persona: 'critic' }, reply: 'CRITIC ANSWER', latencyMs: 50 },
        { match: { persona: 'skeptic' }, reply: 'SKEPTIC ANSWER', latencyMs: 50 },
      ],
    });
    const run = await oracle(['--base-url', sim.baseURL, '--model', 'sim-1', '--batch', 'judge,critic,skeptic', 'Ship', 'it?']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(sim.stats().peakInFlight).toBe(3);
    const headings = [...run.stdout.matchAll(/^## (\w+) \(sim-1, (\d+) ms\)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['judge', 'critic', 'skeptic']);
    expect(run.stdout.indexOf('JUDGE ANSWER')).toBeLessThan(run.stdout.indexOf('CRITIC ANSWER'));
    expect(run.stdout.indexOf('CRITIC ANSWER')).toBeLessThan(run.stdout.indexOf('SKEPTIC ANSWER'));
  });

  test('--json has the documented shape; a failing persona is reported beside the others (exit 1)', async () => {
    sim.setOptions({ rules: [{ match: { persona: 'critic' }, status: 400, reply: 'critic cannot answer' }] });
    const run = await oracle(['--base-url', sim.baseURL, '--model', 'sim-1', '--json', '--batch', 'judge,critic', 'q']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { results: Record<string, unknown>[]; wall_ms: number };
    expect(Object.keys(json)).toEqual(['results', 'wall_ms', 'usage', 'cost_usd', 'cache_hit_share']);
    expect(typeof json.wall_ms).toBe('number');
    expect(json.results[0]).toEqual({
      persona: 'judge',
      model: 'sim-1',
      content: expect.any(String),
      ms: expect.any(Number),
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), cached_tokens: 0 },
      // sim-1 through --base-url is an "openai" model the price table does not know: unknown, not guessed.
      cost_usd: null,
    });
    expect(json.results[1]).toMatchObject({ persona: 'critic', content: '', error: expect.stringMatching(/answered 400: critic cannot answer/) });
    expect(run.stderr).toMatch(/^oracle: .*critic cannot answer \(critic\)\n$/);
  });

  test('prompt from stdin and arguments, plus -f files, reach the model', async () => {
    await writeFile(path.join(dir, 'notes.txt'), 'NOTES-CONTENT');
    sim.setOptions({ rules: [{ match: { user: 'NOTES-CONTENT[\\s\\S]*DIFF-TEXT[\\s\\S]*review this' }, reply: 'saw everything' }] });
    const run = await oracle(['--base-url', sim.baseURL, '--model', 'sim-1', '-f', 'notes.txt', 'review', 'this', '-'], { input: 'DIFF-TEXT\n' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('saw everything\n');
    const piped = await oracle(['--base-url', sim.baseURL, '--model', 'sim-1'], { input: 'only stdin' });
    expect(piped.code).toBe(0);
  });

  test('personas from .fanout/personas and .claude/agents, listed with their source', async () => {
    const project = path.join(dir, 'project');
    await mkdir(path.join(project, '.fanout', 'personas'), { recursive: true });
    await mkdir(path.join(project, '.claude', 'agents'), { recursive: true });
    await writeFile(path.join(project, '.fanout', 'personas', 'poet.md'), '---\nname: poet\ndescription: Writes verse\n---\nYou are the poet.\n');
    await writeFile(
      path.join(project, '.claude', 'agents', 'db-expert.md'),
      '---\nname: db-expert\ndescription: Use when: SQL is involved\ntools: Read, Grep\nmodel: opus\n---\nYou are the db-expert.\n',
    );
    const list = await oracle(['personas'], { cwd: project });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^poet\s+\.fanout\/personas\/poet\.md\s+Writes verse$/m);
    expect(list.stdout).toMatch(/^db-expert\s+\.claude\/agents\/db-expert\.md\s+Use when: SQL is involved$/m);
    expect(list.stdout).toMatch(/^arbiter\s+builtin\s+/m);

    sim.setOptions({ rules: [{ match: { persona: 'db-expert' }, reply: 'DB' }, { match: { persona: 'poet' }, reply: 'VERSE' }] });
    const run = await oracle(['--base-url', sim.baseURL, '--model', 'sim-1', '--json', '--batch', 'db-expert,poet', 'q'], { cwd: project });
    expect((JSON.parse(run.stdout) as { results: { content: string }[] }).results.map((r) => r.content)).toEqual(['DB', 'VERSE']);
  });

  test('--provider sim runs offline with --sim-rules', async () => {
    const rules = path.join(dir, 'rules.json');
    await writeFile(rules, JSON.stringify([{ match: { persona: 'critic' }, reply: 'scripted critic' }]));
    const run = await oracle(['--provider', 'sim', '--sim-latency-ms', '10', '--sim-rules', rules, '-p', 'critic', 'q']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('scripted critic\n');
    expect(run.code).toBe(0);
  });
});

describe('oracle CLI on a terminal', () => {
  test('a single persona streams its answer as it arrives', async () => {
    // `script` gives the CLI a pseudo-terminal as stdout, like an interactive shell.
    sim.setOptions({ streamChunkMs: 100, rules: [{ match: { persona: 'judge' }, reply: 'one two three four five six seven eight nine ten' }] });
    const command = [process.execPath, BIN, '--base-url', sim.baseURL, '--model', 'sim-1', '-p', 'judge', 'hi'].map((a) => `'${a}'`).join(' ');
    const started = performance.now();
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: dir, TERM: 'dumb' } });
    let text = '';
    let firstAt: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (firstAt === undefined && text.includes('one')) firstAt = performance.now();
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    const endedAt = performance.now();
    sim.setOptions({ streamChunkMs: 0 });
    expect(code).toBe(0);
    expect(text.replace(/\r/g, '')).toMatch(
      /^one two three four five six seven eight nine ten\n\(judge, sim-1, \d+ ms; \d+ tokens in, \d+ out, cost unknown\)\n$/,
    );
    // Eleven chunks 100 ms apart: the first words were on screen long before the last.
    expect(endedAt - firstAt!).toBeGreaterThan(500);
    expect(firstAt! - started).toBeGreaterThan(0);
  });
});

describe('oracle CLI errors: one line, non-zero exit, no key anywhere', () => {
  test('no key and no base URL', async () => {
    const run = await oracle(['hello']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'oracle: Set OPENAI_API_KEY (or pass --provider/--base-url); to try offline use --provider sim\n',
    });
  });

  test('401 names the provider and the variable; the key never appears', async () => {
    const run = await oracle(['--base-url', locked.baseURL, '--model', 'sim-1', '--batch', 'judge,critic', 'hello'], { env: { OPENAI_API_KEY: SECRET } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `oracle: openai (${locked.baseURL}) rejected the API key read from OPENAI_API_KEY (401): Incorrect API key provided. (judge, critic)\n`,
    );
    expect(run.stdout + run.stderr).not.toContain('SECRET123');
    const json = await oracle(['--base-url', locked.baseURL, '--model', 'sim-1', '--json', 'hello'], { env: { OPENAI_API_KEY: SECRET } });
    expect(json.stdout).toMatch(/rejected the API key read from OPENAI_API_KEY/);
    expect(json.stdout + json.stderr).not.toContain('SECRET123');
  });

  test('unknown model lists what /models offers', async () => {
    const run = await oracle(['--base-url', sim.baseURL, '--model', 'gpt-nope', 'hello']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`oracle: unknown model "gpt-nope" at openai (${sim.baseURL}) (404); available: sim-1, sim-1-mini\n`);
  });

  test('connection refused names the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const run = await oracle(['--base-url', url, 'hello']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`oracle: cannot connect to ${url} (ECONNREFUSED)\n`);
  });

  test('unknown persona lists the known ones', async () => {
    const run = await oracle(['--provider', 'sim', '--batch', 'judge,nobody', 'hello']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('oracle: unknown persona "nobody"; known: advocate, arbiter, critic, judge, pragmatist, skeptic\n');
  });

  test('usage mistakes exit 2 with one line', async () => {
    const cases: [string[], RegExp][] = [
      [['--provider', 'sim', '-f', 'missing.txt', 'q'], /^oracle: -f missing\.txt: no such file\n$/],
      [['--base-url', sim.baseURL, '--sim-latency-ms', '5', 'q'], /^oracle: --sim-latency-ms and --sim-rules need --provider sim/],
      [['--provider', 'sim', '--persona', 'judge', '--batch', 'critic', 'q'], /^oracle: --persona and --batch cannot be used together/],
      [['--provider', 'sim', '--concurrency', '0', 'q'], /^oracle: --concurrency must be an integer ≥ 1, got 0/],
      [['--provider', 'sim'], /^oracle: no prompt: pass it as arguments or on stdin/],
      [['--provider', 'nope', 'q'], /^oracle: Invalid values:/],
      [['--bogus', 'q'], /^oracle: Unknown argument: bogus \(see oracle --help\)$/m],
      [['--provider', 'sim', '--sim-rules', 'missing-rules.json', 'q'], /^oracle: --provider sim: Cannot read rules file .*missing-rules\.json/],
    ];
    for (const [args, message] of cases) {
      const run = await oracle(args);
      expect({ args, code: run.code, lines: run.stderr.split('\n').length }).toEqual({ args, code: 2, lines: 2 });
      expect(run.stderr).toMatch(message);
    }
  });

  test('a malformed persona file is named with its line', async () => {
    const project = path.join(dir, 'broken');
    await mkdir(path.join(project, '.fanout', 'personas'), { recursive: true });
    await writeFile(path.join(project, '.fanout', 'personas', 'judge.md'), '---\nname: judge\ndescription: [oops\n---\nbody\n');
    const run = await oracle(['--provider', 'sim', '-p', 'judge', 'q'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^oracle: .*\.fanout\/personas\/judge\.md:\d+: invalid YAML front matter: .*\n$/);
  });
});
