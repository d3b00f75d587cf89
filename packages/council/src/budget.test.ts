// `beforeRound`, where a budget stops a council: only between rounds, keeping the last complete
// round's verdict; a speculative round that does not fit beside the pending verdict waits for it.
import { describe, expect, test } from '@jest/globals';
import { runCouncil } from './run-council.js';
import { scriptedAsk, verdictJson } from './test-helpers/scripted-ask.js';

const personas = ['judge', 'critic', 'skeptic'];
const question = 'Should a cache sit in front of the database?';
const answer = (persona: string, round: number) => `${persona} answers round ${round}`;

describe('beforeRound', () => {
  test('false before round 3: two complete rounds, their verdict, and no call of round 3', async () => {
    const script = scriptedAsk({ answer, verdict: (round) => verdictJson(false, `synthesis ${round}`) });
    const asked: { round: number; verdictPending: boolean }[] = [];
    const result = await runCouncil({
      question,
      personas,
      rounds: 4,
      ask: script.ask,
      beforeRound: (round, state) => {
        asked.push({ round, ...state });
        return round < 3;
      },
    });
    expect(result.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(result.stopped_before_round).toBe(3);
    expect(result.final).toBe('synthesis 2');
    expect(result.converged_at).toBeNull();
    expect(result.calls).toBe(8);
    expect(script.calls.some((call) => call.context.round === 3)).toBe(false);
    // Asked between rounds only (never before round 1), after each verdict.
    expect(asked).toEqual([
      { round: 2, verdictPending: false },
      { round: 3, verdictPending: false },
    ]);
  });

  test('a converging or capped council never asks; a council that is never stopped has no stopped_before_round', async () => {
    const script = scriptedAsk({ answer, verdict: (round) => verdictJson(round === 1, 'done') });
    let asked = 0;
    const result = await runCouncil({ question, personas, rounds: 3, ask: script.ask, beforeRound: () => ++asked > 0 });
    expect(asked).toBe(0);
    expect(result.stopped_before_round).toBeUndefined();
  });

  test('--speculative: a round that does not fit beside the pending verdict starts after it instead', async () => {
    const script = scriptedAsk({
      answer,
      verdict: (round) => verdictJson(false, `synthesis ${round}`),
      delayMs: (_p, _r, purpose) => (purpose === 'verdict' ? 60 : 5),
    });
    const result = await runCouncil({
      question,
      personas,
      rounds: 3,
      speculative: true,
      ask: script.ask,
      // Round 2 fits beside verdict 1; round 3 only once verdict 2 is paid.
      beforeRound: (round, state) => round === 2 || !state.verdictPending,
    });
    expect(result.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    const index = (round: number, purpose: string) => script.calls.findIndex((c) => c.context.round === round && c.context.purpose === purpose);
    // Round 2 began before verdict 1 was asked for (speculation); round 3 only after verdict 2.
    expect(index(2, 'answer')).toBeLessThan(index(1, 'verdict'));
    expect(index(3, 'answer')).toBeGreaterThan(index(2, 'verdict'));
    expect(script.calls[index(2, 'verdict')]!.outcome).toBe('ok');
  });
});
