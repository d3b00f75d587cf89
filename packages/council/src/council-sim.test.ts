// The council against a real llm-sim over HTTP, through oracle's client, with scripted rules.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim, type SimRule, type SimServer } from '@fanout/llm-sim';
import type { ChatRequest } from '@fanout/oracle';
import { AllPersonasFailedError } from './errors.js';
import { simCouncil, waitForAborted, type SimCouncil } from './test-helpers/sim-council.js';
import { withoutTimings } from './test-helpers/scripted-ask.js';

const personas = ['judge', 'critic', 'skeptic'];
const question = 'Should we add a read-through cache in front of the orders database?';

const arbiterConvergesAt = (round: number): SimRule[] => [
  { match: { persona: 'arbiter', round }, reply: { converged: true, synthesis: `Converged synthesis of round ${round}.` } },
  { match: { persona: 'arbiter' }, reply: { converged: false, synthesis: 'Not there yet.' } },
];

function text(request: ChatRequest): string {
  return request.messages.map((message) => String(message.content)).join('\n');
}

function headers(request: ChatRequest): Readonly<Record<string, string>> {
  return request.headers ?? {};
}

let sim: SimServer;
let council: SimCouncil;

beforeAll(async () => {
  sim = await startSim({ latencyMs: 20 });
  council = simCouncil(sim);
});

afterEach(() => {
  sim.setOptions({ rules: [], apiKey: undefined });
  sim.resetStats();
  council.requests.length = 0;
});

afterAll(async () => {
  await council.client.close();
  await sim.close();
});

describe('council on llm-sim', () => {
  test('convergence at round 2 stops there', async () => {
    sim.setOptions({ rules: arbiterConvergesAt(2) });
    const result = await council.run({ question, personas, rounds: 3 });
    expect(result.rounds.map((round) => round.verdict.converged)).toEqual([false, true]);
    expect(result.converged_at).toBe(2);
    expect(result.final).toBe('Converged synthesis of round 2.');
    expect(sim.stats().requests).toBe(8);
    expect(result.calls).toBe(8);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    expect(council.requests.map((request) => headers(request)['x-fanout-round'])).toEqual(['1', '1', '1', '1', '2', '2', '2', '2']);
  });

  test('--speculative aborts the in-flight round-3 requests and returns the same result', async () => {
    const rules: SimRule[] = [...arbiterConvergesAt(2), { match: { round: 3 }, latencyMs: 10_000, reply: 'too late' }];
    sim.setOptions({ rules });
    const plain = await council.run({ question, personas, rounds: 3 });
    expect(sim.stats().aborted).toBe(0);
    sim.setOptions({ rules }); // fresh rule counters
    sim.resetStats();
    const started = performance.now();
    const speculative = await council.run({ question, personas, rounds: 3, speculative: true });
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(await waitForAborted(sim, 3)).toBeGreaterThanOrEqual(3);
    expect(speculative.cancelled_calls).toBe(3);
    expect(speculative.calls).toBe(plain.calls + 3);
    expect(withoutTimings(speculative)).toEqual(withoutTimings(plain));
    expect(sim.stats().inFlight).toBe(0);
  });

  test('speculative equals non-speculative when nothing converges (default sim answers)', async () => {
    sim.setOptions({ rules: arbiterConvergesAt(99) });
    const plain = await council.run({ question, personas, rounds: 3 });
    const speculative = await council.run({ question, personas, rounds: 3, speculative: true });
    expect(withoutTimings(speculative)).toEqual(withoutTimings(plain));
    expect(speculative.calls).toBe(plain.calls);
    expect(speculative.final).toBe('Not there yet.');
  });

  test('no persona\'s prompt names another persona; answers are labelled Response A, B', async () => {
    // Answers that name their author: the council must scrub them before showing them to the others.
    sim.setOptions({
      rules: [
        ...arbiterConvergesAt(99),
        ...personas.map((persona) => ({ match: { persona }, reply: `Speaking as the ${persona}: plan ${persona.length}.` })),
      ],
    });
    await council.run({ question, personas, rounds: 2 });
    expect(council.requests).toHaveLength(8);
    let secondRound = 0;
    for (const request of council.requests) {
      const self = headers(request)['x-fanout-persona']!;
      const prompt = text(request);
      for (const other of [...personas, 'arbiter'].filter((name) => name !== self)) {
        expect(prompt).not.toMatch(new RegExp(`\\b${other}\\b`, 'i'));
      }
      if (headers(request)['x-fanout-round'] !== '2') continue;
      secondRound++;
      expect(prompt).toMatch(/### Response A[\s\S]*### Response B/);
    }
    expect(secondRound).toBeGreaterThanOrEqual(personas.length);
  });

  test('an unparseable verdict counts as not converged and is reported', async () => {
    sim.setOptions({ rules: [{ match: { persona: 'arbiter' }, reply: 'I cannot tell.' }] });
    const result = await council.run({ question, personas, rounds: 2 });
    expect(result.converged_at).toBeNull();
    for (const round of result.rounds) {
      expect(round.verdict.converged).toBe(false);
      expect(round.verdict.parse_error).toMatch(/converged/);
    }
    // JSON was asked for: the arbiter's requests carried response_format.
    expect(council.requests.filter((request) => request.json).map((request) => headers(request)['x-fanout-persona'])).toEqual(['arbiter', 'arbiter']);
  });

  test('one persona failing is reported and the council goes on', async () => {
    sim.setOptions({ rules: [{ match: { persona: 'critic' }, status: 500, reply: 'critic exploded' }, ...arbiterConvergesAt(2)] });
    const result = await council.run({ question, personas, rounds: 3, retry: 0 });
    expect(result.converged_at).toBe(2);
    for (const round of result.rounds) {
      const critic = round.answers.find((answer) => answer.persona === 'critic')!;
      expect(critic.error).toMatch(/500/);
      expect(round.answers.filter((answer) => answer.error === undefined)).toHaveLength(2);
    }
  });

  test('all personas failing is a clear error naming the cause', async () => {
    sim.setOptions({ apiKey: 'sk-test-right-key' });
    const error = await council.run({ question, personas, rounds: 3, retry: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllPersonasFailedError);
    expect((error as Error).message).toMatch(/^all 3 personas failed: judge: .*401/);
    expect(sim.stats().requests).toBe(3);
  });

  test('the round cap holds', async () => {
    sim.setOptions({ rules: arbiterConvergesAt(99) });
    const result = await council.run({ question, personas, rounds: 2, speculative: true });
    expect(result.rounds).toHaveLength(2);
    expect(result.converged_at).toBeNull();
    expect(sim.stats().requests).toBe(8);
    expect(council.requests.some((request) => headers(request)['x-fanout-round'] === '3')).toBe(false);
  });

  test('--review: each persona ranks only the others before the arbiter', async () => {
    sim.setOptions({
      rules: [
        { match: { user: 'peer review' }, reply: { ranking: ['B', 'A'] } },
        ...arbiterConvergesAt(1),
      ],
    });
    const result = await council.run({ question, personas, rounds: 2, review: true });
    const reviews = result.rounds[0]!.reviews!;
    expect(reviews.map((review) => review.persona)).toEqual(personas);
    for (const review of reviews) {
      expect(review.error).toBeUndefined();
      expect(review.ranking).toHaveLength(2);
      expect(review.ranking).not.toContain(review.persona);
    }
    const verdict = council.requests.find((request) => headers(request)['x-fanout-persona'] === 'arbiter')!;
    expect(text(verdict)).toMatch(/Peer review/);
  });
  test('a per-attempt timeout fails that persona only, and its request is closed', async () => {
    sim.setOptions({ rules: [{ match: { persona: 'skeptic' }, latencyMs: 10_000 }, ...arbiterConvergesAt(1)] });
    const result = await council.run({ question, personas, rounds: 2, retry: 0, timeoutMs: 400 });
    const skeptic = result.rounds[0]!.answers.find((answer) => answer.persona === 'skeptic')!;
    expect(skeptic.error).toBe('timed out after 400 ms');
    expect(result.final).toBe('Converged synthesis of round 1.');
    expect(await waitForAborted(sim, 1)).toBe(1);
  });

  test('an endpoint that rejects response_format is asked again without it, then never with it', async () => {
    sim.setOptions({
      rules: [
        { match: { persona: 'arbiter' }, status: 400, times: 1, reply: "Invalid parameter: 'response_format' is not supported" },
        ...arbiterConvergesAt(2),
      ],
    });
    const result = await council.run({ question, personas, rounds: 3 });
    expect(result.converged_at).toBe(2);
    const arbiter = council.requests.filter((request) => headers(request)['x-fanout-persona'] === 'arbiter');
    expect(arbiter.map((request) => request.json)).toEqual([true, false, false]);
    expect(sim.stats().statuses).toMatchObject({ '400': 1 });
  });
});
