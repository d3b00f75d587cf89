import { describe, expect, test } from '@jest/globals';
import { runCouncil } from './run-council.js';
import { scriptedAsk, verdictJson, withoutTimings } from './test-helpers/scripted-ask.js';

const personas = ['judge', 'critic', 'skeptic'];
const question = 'Should a cache sit in front of the database?';
const answer = (persona: string, round: number) => `I, the ${persona}, propose plan ${persona.length} in round ${round}`;

describe('speculative rounds', () => {
  test('speculative: round 3 starts while round 2 is judged, is aborted when round 2 converges, and the result is the same', async () => {
    const make = () =>
      scriptedAsk({
        answer,
        verdict: (round) => verdictJson(round === 2, `synthesis ${round}`),
        delayMs: (_persona, round, purpose) => (purpose === 'answer' && round === 3 ? 5_000 : purpose === 'verdict' ? 60 : 10),
      });
    const plain = make();
    const fast = make();
    const expected = await runCouncil({ question, personas, rounds: 3, ask: plain.ask, retry: 0 });
    const started = performance.now();
    const result = await runCouncil({ question, personas, rounds: 3, ask: fast.ask, retry: 0, speculative: true });
    expect(performance.now() - started).toBeLessThan(4_000); // the 5 s round-3 calls were not awaited
    expect(withoutTimings(result)).toEqual(withoutTimings(expected));
    const round3 = fast.calls.filter((call) => call.context.round === 3);
    expect(round3).toHaveLength(3);
    expect(round3.every((call) => call.outcome === 'aborted' && call.context.signal.aborted)).toBe(true);
    expect(result.cancelled_calls).toBe(3);
    expect(result.calls).toBe(expected.calls + 3);
    // Round 3 began before round 2's verdict came back.
    const verdict2 = fast.calls.findIndex((call) => call.context.purpose === 'verdict' && call.context.round === 2);
    const firstRound3 = fast.calls.findIndex((call) => call.context.round === 3);
    expect(firstRound3).toBeGreaterThan(-1);
    expect(firstRound3).toBeLessThan(verdict2);
  });

  test('speculative without convergence uses every speculative round and matches the plain run', async () => {
    const make = () => scriptedAsk({ answer, verdict: (round) => verdictJson(false, `s${round}`), delayMs: () => 15 });
    const plain = await runCouncil({ question, personas, rounds: 3, ask: make().ask });
    const spec = await runCouncil({ question, personas, rounds: 3, ask: make().ask, speculative: true });
    expect(withoutTimings(spec)).toEqual(withoutTimings(plain));
    expect(spec.calls).toBe(plain.calls);
    expect(spec.cancelled_calls).toBe(0);
  });

  test('with peer review too, speculation changes nothing but latency', async () => {
    const make = () =>
      scriptedAsk({
        answer,
        verdict: (round) => verdictJson(round === 2, `synthesis ${round}`),
        review: (_persona, round, labels) => JSON.stringify({ ranking: round === 1 ? labels : [...labels].reverse() }),
        delayMs: (_persona, round, purpose) => (purpose === 'answer' && round === 3 ? 3_000 : 10),
      });
    const plain = await runCouncil({ question, personas, rounds: 3, ask: make().ask, review: true });
    const fast = make();
    const spec = await runCouncil({ question, personas, rounds: 3, ask: fast.ask, review: true, speculative: true });
    expect(withoutTimings(spec)).toEqual(withoutTimings(plain));
    expect(spec.rounds[1]!.reviews).toHaveLength(3);
    expect(spec.cancelled_calls).toBe(3);
    // Round 3's answers were asked for while round 2 was being reviewed and judged.
    const firstRound3 = fast.calls.findIndex((call) => call.context.round === 3);
    const firstReview2 = fast.calls.findIndex((call) => call.context.purpose === 'review' && call.context.round === 2);
    expect(firstRound3).toBeLessThan(firstReview2);
  });

  test('a speculative round that is not needed is not started after the last round', async () => {
    const script = scriptedAsk({ answer, verdict: () => verdictJson(false, 'no') });
    const result = await runCouncil({ question, personas, rounds: 1, ask: script.ask, speculative: true });
    expect(result.calls).toBe(4);
    expect(script.calls.every((call) => call.context.round === 1)).toBe(true);
  });
});
