// Every tool called through the SDK's own client on a real fanout-mcp process, against a real
// llm-sim over HTTP on 127.0.0.1 (the server reaches it through OPENAI_BASE_URL).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { recordRun } from '@fanout/hook-monitor';
import type { SimRule } from '@fanout/llm-sim';
import { startServer, startSimHarness, textOf, type ServerUnderTest, type SimHarness } from './test-helpers/mcp-server.js';

let harness: SimHarness;
let server: ServerUnderTest;

beforeAll(async () => {
  harness = await startSimHarness({ latencyMs: 100 });
  server = await startServer({ env: { ...harness.env, HOME: harness.dir }, cwd: harness.dir });
});
afterEach(() => {
  harness.sim.setOptions({ rules: [], latencyMs: 100 });
  harness.sim.resetStats();
});
afterAll(async () => {
  await server.close();
  await harness.close();
});

type Progress = { progress: number; total?: number | undefined };
const call = (name: string, args: Record<string, unknown>, onprogress?: (p: Progress) => void) =>
  server.client.callTool({ name, arguments: args }, undefined, onprogress ? { onprogress } : {});

describe('oracle', () => {
  test('asks every persona at once and returns each answer in the order asked', async () => {
    const rules: SimRule[] = ['judge', 'critic', 'skeptic'].map((persona) => ({ match: { persona }, reply: `${persona.toUpperCase()} SAYS YES` }));
    harness.sim.setOptions({ rules });
    const result = await call('oracle', { prompt: 'Ship it?', personas: ['skeptic', 'judge', 'critic'] });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { results: { persona: string; content: string }[] };
    expect(data.results.map((r) => [r.persona, r.content])).toEqual([
      ['skeptic', 'SKEPTIC SAYS YES'],
      ['judge', 'JUDGE SAYS YES'],
      ['critic', 'CRITIC SAYS YES'],
    ]);
    expect(textOf(result)).toMatch(/## skeptic[\s\S]*SKEPTIC SAYS YES[\s\S]*## judge[\s\S]*## critic/);
    expect(harness.sim.stats().peakInFlight).toBe(3);
  });

  test('context_files reach the model; a missing one is an error naming it', async () => {
    writeFileSync(path.join(harness.dir, 'notes.txt'), 'the magic word is PLOVER-7\n');
    harness.sim.setOptions({ rules: [{ match: { user: 'PLOVER-7' }, reply: 'I read the file' }] });
    const result = await call('oracle', { prompt: 'What is the magic word?', context_files: ['notes.txt'] });
    expect((result.structuredContent as { results: { content: string }[] }).results[0]!.content).toBe('I read the file');
    const missing = await call('oracle', { prompt: 'x', context_files: ['notes.txt', 'gone.txt'] });
    expect(missing).toMatchObject({ isError: true, content: [{ type: 'text', text: 'context_files[1] gone.txt: no such file' }] });
    expect(harness.sim.stats().requests).toBe(1);
  });

  test('one persona failing does not hide the others; all failing is an error result', async () => {
    harness.sim.setOptions({ rules: [{ match: { persona: 'critic' }, status: 400, reply: 'critic is broken' }] });
    const partial = await call('oracle', { prompt: 'Ship it?', personas: ['judge', 'critic'] });
    expect(partial.isError).toBeFalsy();
    const results = (partial.structuredContent as { results: { persona: string; content: string; error?: string }[] }).results;
    expect(results[0]).toMatchObject({ persona: 'judge', content: expect.any(String) });
    expect(results[0]!.error).toBeUndefined();
    expect(results[1]).toMatchObject({ persona: 'critic', content: '', error: expect.stringContaining('critic is broken') });
    const all = await call('oracle', { prompt: 'Ship it?', personas: ['critic'] });
    expect(all.isError).toBe(true);
  });

  // The SDK's client handles a notification a microtask late, so one that arrives in the same chunk
  // as the result is dropped: these tests look for notifications sent well before the end.
  test('progress: a notification as each persona answers', async () => {
    harness.sim.setOptions({ rules: [{ match: { persona: 'critic' }, latencyMs: 400 }] });
    const seen: Progress[] = [];
    await call('oracle', { prompt: 'Ship it?', personas: ['judge', 'critic'] }, (p) => seen.push(p));
    expect(seen[0]).toEqual({ progress: 1, total: 2, message: 'judge answered' });
  });
});

describe('council', () => {
  test('returns the verdict, the synthesis, a summary per round and the transcript path; progress per round', async () => {
    harness.sim.setOptions({
      rules: [
        { match: { persona: 'arbiter', round: 2 }, reply: { converged: true, synthesis: 'Agreed: add the cache.' } },
        { match: { persona: 'arbiter' }, reply: { converged: false, synthesis: 'Not yet.' } },
      ],
      latencyMs: 20,
    });
    const seen: Progress[] = [];
    const result = await call('council', { question: 'Add a cache?', rounds: 3, transcript: 'council.md' }, (p) => seen.push(p));
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as Record<string, unknown>;
    expect(data).toMatchObject({
      converged: true,
      converged_at: 2,
      synthesis: 'Agreed: add the cache.',
      verdict: { converged: true, synthesis: 'Agreed: add the cache.' },
      transcript: path.join(harness.dir, 'council.md'),
    });
    expect(data['rounds']).toEqual([
      { round: 1, answered: ['judge', 'critic', 'skeptic'], failed: [], converged: false },
      { round: 2, answered: ['judge', 'critic', 'skeptic'], failed: [], converged: true },
    ]);
    expect(readFileSync(path.join(harness.dir, 'council.md'), 'utf8')).toContain('Agreed: add the cache.');
    expect(textOf(result)).toMatch(/^Converged at round 2 of 3\./);
    expect(seen.slice(0, 2)).toEqual([
      { progress: 0, total: 3, message: 'round 1 of 3' },
      { progress: 1, total: 3, message: 'round 1: not converged' },
    ]);
  });
});

describe('swarm', () => {
  test('asks n times, votes, writes the results file and reports done/total as progress', async () => {
    harness.sim.setOptions({ rules: [{ replies: [{ content: 'Answer: A', weight: 3 }, { content: 'Answer: B', weight: 1 }] }], latencyMs: 30 });
    const seen: Progress[] = [];
    const result = await call('swarm', { prompt: 'A or B?', n: 40, vote: true, out: 'results.jsonl', concurrency: 8 }, (p) => seen.push(p));
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { n: number; ok: number; failed: number; winner: string; votes: Record<string, number>; out: string };
    expect(data).toMatchObject({ n: 40, ok: 40, failed: 0, winner: 'a', out: path.join(harness.dir, 'results.jsonl') });
    expect(data.votes['a']! + data.votes['b']!).toBe(40);
    expect(readFileSync(data.out, 'utf8').trim().split('\n')).toHaveLength(40);
    expect(textOf(result)).toContain('winner: "a"');
    expect(seen[0]).toEqual({ progress: 0, total: 40, message: '40 items' });
    const progress = seen.map((p) => p.progress);
    expect(progress.length).toBeGreaterThan(1);
    expect(Math.max(...progress)).toBeLessThanOrEqual(40);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
    expect(harness.sim.stats().peakInFlight).toBe(8);
  });

  test('input_file: every prompt of a JSONL file; without out the results go to a temp file', async () => {
    writeFileSync(path.join(harness.dir, 'prompts.jsonl'), '{"id":"a","prompt":"one"}\n{"id":"b","prompt":"two"}\n');
    const result = await call('swarm', { input_file: 'prompts.jsonl' });
    const data = result.structuredContent as { n: number; ok: number; out: string };
    expect(data).toMatchObject({ n: 2, ok: 2 });
    expect(path.dirname(data.out)).toBe(path.join(os.tmpdir(), 'fanout-mcp'));
    const ids = readFileSync(data.out, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id);
    rmSync(data.out);
    expect(ids.sort()).toEqual(['a', 'b']);
  });

  test('prompt and input_file together, or prompt without n, are refused before any call', async () => {
    const both = await call('swarm', { prompt: 'x', n: 2, input_file: 'prompts.jsonl' });
    expect(textOf(both)).toBe('give either prompt (with n) or input_file, not both');
    const noN = await call('swarm', { prompt: 'x' });
    expect(textOf(noN)).toBe('n is required with prompt: how many times to ask it');
    expect(harness.sim.stats().requests).toBe(0);
  });
});

describe('offload', () => {
  test('answers from many files with findings verified at their file:line; a second ask reads from the cache', async () => {
    mkdirSync(path.join(harness.dir, 'corpus'), { recursive: true });
    for (let i = 1; i <= 6; i++) {
      const body = i === 4 ? '  // webhook signatures are verified with WEBHOOK_SIGNING_KEY\n' : '  // nothing to see\n';
      writeFileSync(path.join(harness.dir, 'corpus', `f${i}.ts`), `export function f${i}() {\n${body}  return ${i};\n}\n`);
    }
    const question = 'Where are webhook signatures verified?';
    const result = await call('offload', { question, paths: ['corpus'], budget: 200 });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { answer: string; findings: { file: string; line_start: number; quote: string }[]; stats: { map_calls: number } };
    expect(data.findings).toEqual([expect.objectContaining({ file: 'corpus/f4.ts', line_start: 2, quote: expect.stringContaining('WEBHOOK_SIGNING_KEY') })]);
    expect(textOf(result)).toContain('corpus/f4.ts:2');
    expect(data.stats.map_calls).toBeGreaterThan(0);
    harness.sim.resetStats();
    const again = await call('offload', { question, paths: ['corpus'], budget: 200 });
    expect((again.structuredContent as { stats: { cache_hits: number; map_calls: number } }).stats).toMatchObject({ map_calls: 0 });
    expect((again.structuredContent as { findings: unknown[] }).findings).toEqual(data.findings);
  });

  test('a path that does not exist is an error naming it', async () => {
    const result = await call('offload', { question: 'anything?', paths: ['no-such-dir'] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('no-such-dir');
    expect(textOf(result)).not.toContain('\n');
  });
});

describe('hooks_report', () => {
  test("reports the hook store's runs per event and hook; since filters", async () => {
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    recordRun(
      {
        v: 1,
        run_id: 'r1',
        ts: startedAt,
        event: 'UserPromptSubmit',
        source: 'run',
        wall_ms: 55,
        hooks: [{ id: 'lint-prompt', start_ms: 0, end_ms: 50, exit_code: 0, timed_out: false, stdout_bytes: 0, stderr_bytes: 0 }],
      },
      { dir: harness.env['HOOK_MONITOR_DIR']! },
    );
    const result = await call('hooks_report', {});
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toMatch(/UserPromptSubmit[\s\S]*lint-prompt/);
    expect(result.structuredContent).toMatchObject({ runs: 1, events: [{ event: 'UserPromptSubmit', hooks: [{ id: 'lint-prompt', runs: 1, failures: 0 }] }] });
    const future = await call('hooks_report', { since: '1m' });
    expect(future.structuredContent).toMatchObject({ runs: 0 });
  });
});
