import { describe, expect, test } from '@jest/globals';
import { emptyBreakerState, type BreakerState } from '@fanout/hook-monitor/breaker';
import { applyResult, applySkip, claimTrial, forgetStale, type HookContext, type HookResult } from './transitions.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const KEY = 'UserPromptSubmit/slow#x';
const TIMEOUT: HookResult = { kind: 'failure', timedOut: true, error: 'timeout', blocked: false };
const CRASH: HookResult = { kind: 'failure', timedOut: false, error: 'killed by SIGKILL', blocked: false };
const OK: HookResult = { kind: 'success', timedOut: false, blocked: false };
const DENY: HookResult = { kind: 'success', timedOut: false, blocked: true };

function context(extra: Partial<HookContext> = {}): HookContext {
  return {
    key: KEY, id: 'slow', event: 'UserPromptSubmit', file: '/p/.claude/hook-executor.json', settings: { after: 3, coolOff: 600 },
    gate: false, failClosed: false, timeoutMs: 30_000, session: 's1', now: T0, searchStore: () => false, ...extra,
  };
}

describe('one hook through closed → open → half-open → closed', () => {
  test('opens at the third failure in a row and tells that session once; success closes and forgets', () => {
    const state: BreakerState = emptyBreakerState();
    expect(applyResult(state, context(), TIMEOUT)).toEqual({ changed: true });
    expect(applyResult(state, context(), CRASH)).toEqual({ changed: true });
    const opened = applyResult(state, context({ now: T0 + 1000 }), TIMEOUT);
    expect(opened.line).toBe(
      'hook-executor: slow timed out twice and crashed once, in a row, so it is skipped for the next 10 min, then tried once (`hook-executor ' +
        'breaker reset slow` runs it again now)',
    );
    expect(state.hooks[KEY]).toMatchObject({ failures: 3, timeouts: 2, counted: 3, openUntil: T0 + 1000 + 600_000, told: ['s1'], searched: true });
    // The same session is not told again; another one is, once.
    expect(applySkip(state, context())).toEqual({ changed: false });
    expect(applySkip(state, context({ session: 's2' })).line).toMatch(/^hook-executor: slow timed out twice and crashed once, in a row, so it is skipped/);
    expect(applySkip(state, context({ session: 's2' }))).toEqual({ changed: false });
    expect(applyResult(state, context(), OK)).toEqual({ changed: true });
    expect(state.hooks[KEY]).toBeUndefined();
  });

  test('a success in between resets the count', () => {
    const state = emptyBreakerState();
    applyResult(state, context(), TIMEOUT);
    applyResult(state, context(), TIMEOUT);
    applyResult(state, context(), OK);
    expect(applyResult(state, context(), TIMEOUT)).toEqual({ changed: true });
    expect(state.hooks[KEY]).toMatchObject({ failures: 1, counted: 1 }); // the success forgot the hook
    expect(state.hooks[KEY]!.openUntil).toBeUndefined();
  });

  test('only one trial is claimed once the cool-off is over; its failure opens the breaker again', () => {
    const state = emptyBreakerState();
    for (let i = 0; i < 3; i++) applyResult(state, context(), TIMEOUT);
    const later = T0 + 600_001;
    expect(claimTrial(state, context({ now: T0 + 1000 }), 'early')).toBe(false); // still open
    expect(claimTrial(state, context({ now: later }), 'a')).toBe(true);
    expect(claimTrial(state, context({ now: later + 5 }), 'b')).toBe(false);
    expect(state.hooks[KEY]).toMatchObject({ trialBy: 'a', trialUntil: later + 30_000 + 10_000 });
    // A run that started before and fails now does not reopen it; the trial's failure does.
    applyResult(state, context({ now: later + 10 }), TIMEOUT);
    expect(state.hooks[KEY]!.openUntil).toBe(T0 + 600_000);
    applyResult(state, context({ now: later + 20, trialToken: 'a' }), TIMEOUT);
    expect(state.hooks[KEY]).toMatchObject({ openUntil: later + 20 + 600_000, openedAt: later + 20, failures: 5 });
    expect(state.hooks[KEY]!.trialBy).toBeUndefined();
  });

  test('reaching the rule before this event searched the store (other sessions failed meanwhile) waits for the next failure', () => {
    const state = emptyBreakerState();
    const unsearched = context({ searchStore: () => undefined });
    for (let i = 0; i < 3; i++) expect(applyResult(state, unsearched, TIMEOUT)).toEqual({ changed: true });
    expect(state.hooks[KEY]).toMatchObject({ failures: 3 });
    expect(state.hooks[KEY]!.openUntil).toBeUndefined();
    expect(applyResult(state, context(), TIMEOUT).line).toMatch(/^hook-executor: slow timed out 4 times in a row/);
    expect(state.hooks[KEY]).toMatchObject({ searched: true, openUntil: T0 + 600_000 });
  });

  test('a trial whose executor died frees itself after the hook timeout and a margin', () => {
    const state = emptyBreakerState();
    for (let i = 0; i < 3; i++) applyResult(state, context(), TIMEOUT);
    const due = T0 + 600_000;
    expect(claimTrial(state, context({ now: due }), 'a')).toBe(true);
    expect(claimTrial(state, context({ now: due + 39_999 }), 'b')).toBe(false);
    expect(claimTrial(state, context({ now: due + 40_001 }), 'b')).toBe(true);
  });
});

describe('gates', () => {
  test('a hook marked gate: true is counted but never opened; its session is told it still runs', () => {
    const state = emptyBreakerState();
    applyResult(state, context({ gate: true }), TIMEOUT);
    applyResult(state, context({ gate: true }), TIMEOUT);
    const third = applyResult(state, context({ gate: true }), TIMEOUT);
    expect(third.line).toMatch(
      /^hook-executor: slow timed out 3 times in a row \(30 s each\), but it is a gate \(marked gate: true\), so it still runs every time/,
    );
    expect(state.hooks[KEY]!.openUntil).toBeUndefined();
  });

  test('a hook that once denied is a gate; so is one the store shows blocking (searched once)', () => {
    const state = emptyBreakerState();
    applyResult(state, context(), DENY);
    expect(state.hooks[KEY]).toMatchObject({ blocked: true, failures: 0 });
    for (let i = 0; i < 3; i++) applyResult(state, context(), TIMEOUT);
    expect(state.hooks[KEY]!.openUntil).toBeUndefined();

    const other = emptyBreakerState();
    let searches = 0;
    const fromStore = context({ searchStore: () => ++searches > 0 });
    for (let i = 0; i < 5; i++) applyResult(other, fromStore, TIMEOUT);
    expect(searches).toBe(1);
    expect(other.hooks[KEY]).toMatchObject({ blocked: true, searched: true, failures: 5 });
    expect(other.hooks[KEY]!.openUntil).toBeUndefined();
  });

  test('under failClosed a gate opens (to block) and the session is told it blocks', () => {
    const state = emptyBreakerState();
    const closed = context({ gate: true, failClosed: true });
    applyResult(state, closed, TIMEOUT);
    applyResult(state, closed, TIMEOUT);
    expect(applyResult(state, closed, TIMEOUT).line).toMatch(
      /^hook-executor: gate slow timed out 3 times in a row \(30 s each\); blocking \(failClosed\) until it answers again \(next try in 10 min;/,
    );
    expect(state.hooks[KEY]!.openUntil).toBe(T0 + 600_000);
  });
});

test('old entries are forgotten, gates and open breakers kept', () => {
  const state = emptyBreakerState();
  applyResult(state, context(), TIMEOUT);
  applyResult(state, context({ key: 'gate' }), DENY);
  forgetStale(state, T0 + 31 * 24 * 3600 * 1000);
  expect(Object.keys(state.hooks)).toEqual(['gate']);
});
