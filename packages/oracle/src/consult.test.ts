import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from './client.js';
import { consult } from './consult.js';
import { ApiError } from './errors.js';
import type { OracleClient } from './types.js';
import { waitFor } from './test-helpers/net.js';

let sim: SimServer;
let client: OracleClient;
let dir: string;
const where = (): { cwd: string; home: string; env: Record<string, string> } => ({ cwd: dir, home: dir, env: {} });

beforeAll(async () => {
  sim = await startSim();
  client = createClient({ baseURL: sim.baseURL, model: 'sim-1', env: {}, concurrency: 8 });
  dir = await mkdtemp(path.join(tmpdir(), 'oracle-consult-'));
});
afterEach(() => {
  sim.setOptions({ rules: [], latencyMs: 0 });
  sim.resetStats();
});
afterAll(async () => {
  await client.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('consult', () => {
  test('asks every persona at once and reports them in the order asked', async () => {
    sim.setOptions({
      latencyMs: 50,
      rules: [
        { match: { persona: 'judge' }, reply: 'judge says yes', latencyMs: 400 },
        { match: { persona: 'critic' }, reply: 'critic says no' },
        { match: { persona: 'skeptic' }, reply: 'skeptic doubts' },
      ],
    });
    const completion: string[] = [];
    const report = await consult({
      prompt: 'ship it?',
      personas: ['judge', 'critic', 'skeptic'],
      client,
      ...where(),
      onResult: (r) => completion.push(r.persona),
    });
    expect(sim.stats().peakInFlight).toBe(3);
    expect(report.results.map((r) => [r.persona, r.content])).toEqual([
      ['judge', 'judge says yes'],
      ['critic', 'critic says no'],
      ['skeptic', 'skeptic doubts'],
    ]);
    expect(completion[2]).toBe('judge'); // the slowest came in last, yet is reported first
    expect(report.results.every((r) => r.model === 'sim-1' && r.usage.completion_tokens > 0 && r.error === undefined)).toBe(true);
    expect(report.wall_ms).toBeGreaterThanOrEqual(report.results[0]!.ms - 1);
  });

  test('one persona failing does not hide the others', async () => {
    sim.setOptions({ rules: [{ match: { persona: 'critic' }, status: 400, reply: 'bad request for critic' }] });
    const report = await consult({ prompt: 'q', personas: ['judge', 'critic', 'skeptic'], client, ...where() });
    expect(report.results.map((r) => r.error === undefined)).toEqual([true, false, true]);
    const error = report.results[1]!.error as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/bad request for critic/);
    expect(sim.stats().statuses['400']).toBe(1); // 400 is not retried
  });

  test('a 429 then success waits what retry-after-ms says', async () => {
    sim.setOptions({ rules: [{ match: { persona: 'critic' }, status: 429, headers: { 'retry-after-ms': '600' }, times: 1 }] });
    const report = await consult({ prompt: 'q', personas: ['critic'], client, ...where(), retry: { retries: 2, minDelayMs: 1 } });
    expect(report.results[0]!.error).toBeUndefined();
    expect(sim.stats().statuses).toEqual({ '200': 1, '429': 1 });
    expect(report.results[0]!.ms).toBeGreaterThanOrEqual(550);
  });

  test('500s are retried within the retry budget', async () => {
    sim.setOptions({ rules: [{ status: 500, times: 2 }] });
    const ok = await consult({ prompt: 'q', personas: ['judge'], client, ...where(), retry: { retries: 3, minDelayMs: 5, maxDelayMs: 20 } });
    expect(ok.results[0]!.error).toBeUndefined();
    expect(sim.stats().statuses).toEqual({ '200': 1, '500': 2 });

    sim.resetStats();
    sim.setOptions({ rules: [{ status: 500 }] });
    const spent = await consult({
      prompt: 'q',
      personas: ['judge', 'critic'],
      client,
      ...where(),
      retry: { retries: 5, minDelayMs: 5, maxDelayMs: 20, budget: 3 },
    });
    expect(spent.results.every((r) => (r.error as ApiError | undefined)?.status === 500)).toBe(true);
    expect(sim.stats().statuses['500']).toBe(2 + 3); // two first attempts plus the shared budget of 3
  });

  test('timeoutMs closes the request at the server', async () => {
    sim.setOptions({ latencyMs: 5_000 });
    const report = await consult({ prompt: 'q', personas: ['judge'], client, ...where(), timeoutMs: 150, retry: 0 });
    expect((report.results[0]!.error as { code?: string }).code).toBe('TASK_TIMEOUT');
    await waitFor(() => sim.stats().aborted === 1 && sim.stats().inFlight === 0);
  });

  test('idleTimeoutMs fails an attempt that receives nothing, closing the request at the server', async () => {
    sim.setOptions({ latencyMs: 5_000 });
    const report = await consult({ prompt: 'q', personas: ['judge'], client, ...where(), idleTimeoutMs: 150, retry: 0 });
    expect(report.results[0]!.error).toMatchObject({ code: 'TASK_TIMEOUT', timeoutMs: 150 });
    await waitFor(() => sim.stats().aborted === 1 && sim.stats().inFlight === 0);
  });

  test('idleTimeoutMs lets a streamed answer run longer than the limit while it keeps arriving', async () => {
    sim.setOptions({ streamChunkMs: 60, rules: [{ match: {}, reply: 'one two three four five six seven eight nine ten' }] });
    const started = performance.now();
    const report = await consult({ prompt: 'q', personas: ['judge'], client, ...where(), idleTimeoutMs: 400, retry: 0, onDelta: () => {} });
    sim.setOptions({ streamChunkMs: 0 });
    expect(report.results[0]!.error).toBeUndefined();
    expect(report.results[0]!.content).toBe('one two three four five six seven eight nine ten');
    expect(performance.now() - started).toBeGreaterThan(400); // eleven chunks 60 ms apart: longer than the limit in all
  });

  test('aborting the signal cancels every persona in flight and rejects', async () => {
    sim.setOptions({ latencyMs: 5_000 });
    const controller = new AbortController();
    const pending = consult({ prompt: 'q', personas: ['judge', 'critic', 'skeptic'], client, ...where(), signal: controller.signal });
    await waitFor(() => sim.stats().inFlight === 3);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    await waitFor(() => sim.stats().aborted === 3 && sim.stats().inFlight === 0);
    expect(sim.stats().requests).toBe(3); // an abort is not retried
  });

  test('onDelta streams the answer; personas from .fanout/personas; system and files reach the model', async () => {
    await mkdir(path.join(dir, '.fanout', 'personas'), { recursive: true });
    await writeFile(path.join(dir, '.fanout', 'personas', 'poet.md'), '---\nname: poet\ndescription: rhymes\n---\nYou are the poet.\n');
    sim.setOptions({
      rules: [
        { match: { persona: 'poet', system: 'in French', user: '<file name="a\\.txt">\\nalpha' }, reply: 'Une réponse assez longue pour plusieurs morceaux.' },
      ],
    });
    const deltas: string[] = [];
    const report = await consult({
      prompt: 'q',
      personas: ['poet'],
      client,
      ...where(),
      system: 'Answer in French.',
      attachments: [{ name: 'a.txt', content: 'alpha' }],
      onDelta: (delta) => deltas.push(delta),
    });
    expect(report.results[0]!.content).toBe('Une réponse assez longue pour plusieurs morceaux.');
    expect(deltas.join('')).toBe(report.results[0]!.content);
    expect(deltas.length).toBeGreaterThan(1);
  });
});

