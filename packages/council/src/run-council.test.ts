import { describe, expect, test } from '@jest/globals';
import { runCouncil } from './run-council.js';
import { AllPersonasFailedError, ArbiterFailedError, CouncilError } from './errors.js';
import { scriptedAsk, verdictJson } from './test-helpers/scripted-ask.js';

const personas = ['judge', 'critic', 'skeptic'];
const question = 'Should a cache sit in front of the database?';
const plan: Record<string, string> = { judge: 'P-one', critic: 'P-two', skeptic: 'P-three' };
const answer = (persona: string, round: number) => `I, the ${persona}, propose ${plan[persona]} in round ${round}`;

describe('runCouncil', () => {
  test('round 1 asks every persona at once; a converged verdict at round 2 stops there', async () => {
    const script = scriptedAsk({
      answer,
      verdict: (round) => verdictJson(round === 2, `synthesis ${round}`),
      delayMs: () => 30,
    });
    const result = await runCouncil({ question, personas, rounds: 3, ask: script.ask, retry: 0 });
    expect(result.rounds.map((round) => round.round)).toEqual([1, 2]);
    expect(result.converged_at).toBe(2);
    expect(result.final).toBe('synthesis 2');
    expect(result.rounds[0]!.verdict).toEqual({ converged: false, synthesis: 'synthesis 1' });
    expect(result.rounds[1]!.answers.map((a) => a.persona)).toEqual(personas);
    expect(result.calls).toBe(8);
    expect(result.cancelled_calls).toBe(0);
    expect(result.usage).toEqual({ prompt_tokens: 80, completion_tokens: 40, cached_tokens: 0 });
    expect(script.peakInFlight).toBe(3);
    expect(script.calls.filter((call) => call.context.round === 3)).toHaveLength(0);
  });

  test('the round cap holds when nothing converges', async () => {
    const script = scriptedAsk({ answer, verdict: (round) => verdictJson(false, `s${round}`) });
    const result = await runCouncil({ question, personas, rounds: 2, ask: script.ask });
    expect(result.rounds).toHaveLength(2);
    expect(result.converged_at).toBeNull();
    expect(result.final).toBe('s2');
    expect(result.calls).toBe(8);
  });

  test('later rounds see the others\' answers anonymised, never their names, with "Round k"', async () => {
    const script = scriptedAsk({ answer, verdict: () => verdictJson(false, 'x') });
    await runCouncil({ question, personas, rounds: 3, ask: script.ask });
    const answerCalls = script.calls.filter((call) => call.context.purpose === 'answer');
    expect(answerCalls).toHaveLength(9);
    for (const call of answerCalls) {
      const text = call.messages.map((message) => message.content).join('\n');
      // The question first (the part every call shares, for prompt caches), then the round.
      expect(text).toMatch(new RegExp(`^Question:\n[^]*?\n\nRound ${call.context.round} of 3\\.`));
      for (const other of personas.filter((name) => name !== call.persona)) {
        expect(text.toLowerCase()).not.toContain(other);
      }
      if (call.context.round > 1) {
        expect(text).toContain('### Response A');
        expect(text).toContain('### Response B');
        expect(text).not.toContain('### Response C');
        // Its own previous answer and both others' are there, names scrubbed.
        for (const name of personas) expect(text).toContain(`I, the [redacted], propose ${plan[name]!} in round ${call.context.round - 1}`);
      }
    }
    const verdictCalls = script.calls.filter((call) => call.context.purpose === 'verdict');
    expect(verdictCalls.map((call) => [call.persona, call.context.json])).toEqual([
      ['arbiter', true],
      ['arbiter', true],
      ['arbiter', true],
    ]);
    for (const call of verdictCalls) {
      for (const name of personas) expect(call.messages[0]!.content.toLowerCase()).not.toContain(name);
    }
  });

  test('a failing persona is reported and the others go on', async () => {
    const script = scriptedAsk({
      answer: (persona, round) => (persona === 'critic' ? new Error('500 from sim: boom') : answer(persona, round)),
      verdict: (round) => verdictJson(round === 2, `s${round}`),
    });
    const result = await runCouncil({ question, personas, rounds: 3, ask: script.ask, retry: 0 });
    const critic = result.rounds[0]!.answers.find((a) => a.persona === 'critic')!;
    expect(critic.error).toBe('500 from sim: boom');
    expect(critic.content).toBe('');
    expect(result.converged_at).toBe(2);
    const verdictPrompt = script.calls.find((call) => call.context.purpose === 'verdict')!.messages[0]!.content;
    expect(verdictPrompt).toContain('### Response B');
    expect(verdictPrompt).not.toContain('### Response C');
  });

  test('all personas failing is one clear error naming the first cause', async () => {
    const script = scriptedAsk({ answer: () => new Error('401 from sim: bad key'), verdict: () => verdictJson(true, 'x') });
    const error = await runCouncil({ question, personas, ask: script.ask, retry: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllPersonasFailedError);
    expect((error as Error).message).toBe('all 3 personas failed: judge: 401 from sim: bad key');
    expect(script.calls.some((call) => call.context.purpose === 'verdict')).toBe(false);
  });

  test('an unparseable verdict counts as not converged and is reported', async () => {
    const script = scriptedAsk({ answer, verdict: (round) => (round === 1 ? 'They sort of agree.' : verdictJson(true, 'done')) });
    const result = await runCouncil({ question, personas, rounds: 3, ask: script.ask });
    expect(result.rounds[0]!.verdict).toEqual({
      converged: false,
      synthesis: 'They sort of agree.',
      parse_error: "no JSON object in the arbiter's answer",
    });
    expect(result.converged_at).toBe(2);
  });

  test('an arbiter failing every round is a clear error; failing once is reported', async () => {
    const broken = scriptedAsk({ answer, verdict: () => new Error('503 from sim') });
    const error = await runCouncil({ question, personas, rounds: 2, ask: broken.ask, retry: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArbiterFailedError);
    expect((error as Error).message).toBe('the arbiter "arbiter" gave no synthesis in any round: 503 from sim');
    const flaky = scriptedAsk({ answer, verdict: (round) => (round === 2 ? new Error('503 from sim') : verdictJson(false, 'one')) });
    const result = await runCouncil({ question, personas, rounds: 2, ask: flaky.ask, retry: 0 });
    expect(result.rounds[1]!.verdict).toEqual({ converged: false, synthesis: '', error: '503 from sim' });
    expect(result.final).toBe('one');
  });

  test('review: each persona ranks only the others, and the arbiter sees the points', async () => {
    const script = scriptedAsk({ answer, verdict: () => verdictJson(true, 'agreed') });
    const result = await runCouncil({ question, personas, rounds: 2, ask: script.ask, review: true, arbiter: 'referee' });
    const reviews = script.calls.filter((call) => call.context.purpose === 'review');
    expect(reviews.map((call) => call.persona).sort()).toEqual([...personas].sort());
    for (const call of reviews) {
      expect(call.context.json).toBe(true);
      expect(call.messages[0]!.content).not.toContain(plan[call.persona]!);
      expect((call.messages[0]!.content.match(/### Response/g) ?? []).length).toBe(2);
    }
    const round = result.rounds[0]!;
    expect(round.reviews).toHaveLength(3);
    for (const review of round.reviews!) {
      expect(review.ranking).toHaveLength(2);
      expect(review.ranking).not.toContain(review.persona);
    }
    const verdictPrompt = script.calls.find((call) => call.context.purpose === 'verdict')!;
    expect(verdictPrompt.persona).toBe('referee');
    expect(verdictPrompt.messages[0]!.content).toMatch(/Peer review .*Response A: \d, Response B: \d, Response C: \d/);
  });

  test('a review that cannot be read is reported, not fatal', async () => {
    const script = scriptedAsk({ answer, verdict: () => verdictJson(true, 'ok'), review: () => 'all good' });
    const result = await runCouncil({ question, personas, ask: script.ask, review: true });
    expect(result.rounds[0]!.reviews!.every((review) => review.error?.startsWith('no ranking'))).toBe(true);
    expect(result.final).toBe('ok');
  });

  test('the caller\'s signal cancels the council', async () => {
    const script = scriptedAsk({ answer, verdict: () => verdictJson(false, 'x'), delayMs: () => 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 30);
    const error = await runCouncil({ question, personas, ask: script.ask, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ABORTED', cause: new Error('stop') });
    expect(script.calls.every((call) => call.outcome === 'aborted')).toBe(true);
  });

  test('options are checked at the door', async () => {
    const { ask } = scriptedAsk({ answer, verdict: () => 'x' });
    await expect(runCouncil({ question, personas, ask, rounds: 0 })).rejects.toThrow('Expected `rounds` to be an integer from 1 and up, got `0` (number)');
    await expect(runCouncil({ question, personas: [], ask })).rejects.toBeInstanceOf(CouncilError);
    await expect(runCouncil({ question, personas: ['a', 'A'], ask })).rejects.toThrow('listed twice');
    await expect(runCouncil({ question: ' ', personas, ask })).rejects.toThrow('question');
  });
});
