import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SimError } from './errors.js';
import { startSim } from './server.js';
import { ask, chatBody, post } from './test-helpers/http.js';
import type { SimRule, SimServer } from './types.js';

function personaBody(system: string, user: string, extra: Record<string, unknown> = {}) {
  return {
    model: 'sim-1',
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    ...extra,
  };
}

const rules: SimRule[] = [
  { match: { persona: 'critic', round: { gte: 2 } }, reply: 'The critic agrees now.' },
  { match: { persona: 'critic' }, reply: 'The critic objects.' },
  { match: { persona: 'judge', round: 1 }, reply: 'Judge, round one.' },
  { match: { user: '^vote', model: 'sim-1-mini' }, replies: [{ content: 'Answer: yes', weight: 70 }, { content: 'Answer: no', weight: 30 }] },
  { match: { user: '/ARBITER/i' }, reply: { converged: true, synthesis: 'done' } },
  { match: { system: 'flaky' }, status: 503, reply: 'Scripted outage', times: 2 },
];

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ rules });
});
afterAll(() => sim.close());

describe('rules', () => {
  test('persona matches the system prompt as a whole word, case-insensitive', async () => {
    expect(await ask(sim, personaBody('You are a harsh Critic.', 'Review this'))).toBe('The critic objects.');
    expect(await ask(sim, personaBody('You are critical of everything.', 'Review this'))).not.toBe('The critic objects.');
    expect(await ask(sim, chatBody('Review this'), { 'x-fanout-persona': 'Critic' })).toBe('The critic objects.');
  });

  test('round comes from the x-fanout-round header, else "Round N" in the last user message', async () => {
    expect(await ask(sim, personaBody('You are the critic.', 'Round 2: review'))).toBe('The critic agrees now.');
    expect(await ask(sim, personaBody('You are the critic.', 'review'), { 'x-fanout-round': '3' })).toBe('The critic agrees now.');
    expect(await ask(sim, personaBody('You are the critic.', 'round 1: review'))).toBe('The critic objects.');
    // The header wins over the text.
    expect(await ask(sim, personaBody('You are the critic.', 'Round 5'), { 'x-fanout-round': '1' })).toBe('The critic objects.');
    expect(await ask(sim, personaBody('You are the judge.', 'Round 1 begins'))).toBe('Judge, round one.');
    expect(await ask(sim, personaBody('You are the judge.', 'Round 2 begins'))).not.toBe('Judge, round one.');
  });

  test('weighted replies split ~70/30 over request seeds, deterministically', async () => {
    const counts = { yes: 0, no: 0 };
    const answers: string[] = [];
    for (let seed = 0; seed < 1000; seed++) {
      const content = await ask(sim, chatBody('vote now', { model: 'sim-1-mini', seed }));
      answers.push(content);
      counts[content === 'Answer: yes' ? 'yes' : 'no']++;
    }
    expect(counts.yes + counts.no).toBe(1000);
    expect(counts.yes).toBeGreaterThan(650);
    expect(counts.yes).toBeLessThan(750);
    for (const seed of [0, 17, 999]) expect(await ask(sim, chatBody('vote now', { model: 'sim-1-mini', seed }))).toBe(answers[seed]);
    // The model field is part of the match.
    expect(await ask(sim, chatBody('vote now', { seed: 1 }))).toMatch(/Answer: [A-D]$/);
  });

  test('object replies are sent as JSON text and honoured in JSON mode', async () => {
    const content = await ask(sim, chatBody('You are the ARBITER', { response_format: { type: 'json_object' } }));
    expect(JSON.parse(content)).toEqual({ converged: true, synthesis: 'done' });
    const wrapped = await ask(sim, personaBody('You are the critic.', 'x', { response_format: { type: 'json_object' } }));
    expect(JSON.parse(wrapped)).toEqual({ content: 'The critic objects.' });
  });

  test('status scripts an error; times limits it to the first N matches', async () => {
    const body = personaBody('flaky service', 'hello');
    const first = await post(sim, body);
    expect(first.status).toBe(503);
    expect(((await first.json()) as { error: { message: string; type: string } }).error).toMatchObject({ message: 'Scripted outage', type: 'server_error' });
    expect((await post(sim, body)).status).toBe(503);
    expect((await post(sim, body)).status).toBe(200);
  });

  test('setOptions replaces the rules while running', async () => {
    const other = await startSim({ rules: [{ reply: 'one' }] });
    try {
      expect(await ask(other, chatBody('x'))).toBe('one');
      other.setOptions({ rules: [{ reply: 'two', headers: { 'x-scripted': 'yes' } }] });
      const response = await post(other, chatBody('x'));
      expect(response.headers.get('x-scripted')).toBe('yes');
      expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('two');
    } finally {
      await other.close();
    }
  });
});

describe('rules files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'llm-sim-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, text: string): string {
    const full = path.join(dir, name);
    writeFileSync(full, text);
    return full;
  }

  test('a valid file ({ "rules": [...] } or a bare array) is loaded', async () => {
    const fromFile = await startSim({ rules: file('ok.json', JSON.stringify({ rules: [{ match: { user: 'ping' }, reply: 'pong' }] })) });
    try {
      expect(await ask(fromFile, chatBody('ping'))).toBe('pong');
    } finally {
      await fromFile.close();
    }
  });

  test.each([
    ['missing.json', undefined, 'RULES_READ', /Cannot read rules file .*missing\.json: ENOENT/],
    ['broken.json', '[{"reply": ', 'RULES_JSON', /Rules file .*broken\.json is not valid JSON/],
    ['shape.json', '{"reply": "x"}', 'RULES_INVALID', /shape\.json: expected an array of rules/],
    ['regex.json', '[{"reply":"a"},{"match":{"user":"(unclosed"}}]', 'RULES_INVALID', /regex\.json: rule 1: match\.user: invalid regular expression/],
    [
      'weight.json',
      '[{"replies":[{"content":"a","weight":0}]}]',
      'RULES_INVALID',
      /weight\.json: rule 0: replies\[0\]\.weight: expected a number > 0, got `0` \(number\)/,
    ],
    ['round.json', '[{"match":{"round":{"gt":1}}}]', 'RULES_INVALID', /round\.json: rule 0: match\.round: expected an integer/],
    ['field.json', '[{"match":{"persona":"a"}, "replys": []}]', 'RULES_INVALID', /field\.json: rule 0: replys: unknown field/],
  ])('%s is one clear error naming the file, rule and field', async (name, text, code, message) => {
    const target = text === undefined ? path.join(dir, name) : file(name, text);
    const error = await startSim({ rules: target }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SimError);
    expect((error as SimError).code).toBe(code);
    expect((error as SimError).message).toMatch(message);
    expect((error as SimError).message).not.toContain('\n');
  });

  test('setOptions with a bad rules file throws and keeps the old rules', async () => {
    const other = await startSim({ rules: [{ reply: 'kept' }] });
    try {
      expect(() => other.setOptions({ rules: file('bad.json', '[{"status": 99}]') })).toThrow(/bad\.json: rule 0: status/);
      expect(await ask(other, chatBody('x'))).toBe('kept');
    } finally {
      await other.close();
    }
  });
});
