// offload's reader over real HTTP: map requests get the lines holding the question's words, quoted
// exactly (or, with fabricateRate, made up); reduce requests get an answer built from the findings.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim } from './server.js';
import { ask } from './test-helpers/http.js';
import type { SimServer } from './types.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

const MAP_SCHEMA = { type: 'json_schema', json_schema: { name: 'offload_findings', schema: { type: 'object' }, strict: true } };
const REDUCE_SCHEMA = { type: 'json_schema', json_schema: { name: 'offload_answer', schema: { type: 'object' }, strict: true } };

function file(path: string, lines: readonly string[], first = 1): string {
  const numbered = lines.map((text, i) => `${first + i}| ${text}`);
  return [`<file path="${path}" lines="${first}-${first + lines.length - 1}">`, ...numbered, '</file>'].join('\n');
}

function mapBody(question: string, chunk: string, extra: Record<string, unknown> = { response_format: MAP_SCHEMA }): Record<string, unknown> {
  return {
    model: 'sim-1',
    messages: [
      { role: 'system', content: 'You read files.' },
      { role: 'user', content: `Question: ${question}\n\n${chunk}` },
    ],
    ...extra,
  };
}

interface MapAnswer {
  relevant: boolean;
  findings: { claim: string; file: string; line_start: number; line_end: number; quote: string }[];
  confidence: number;
}

const CHUNK = [
  file('src/a.ts', ['import x from "y";', '', 'const ZEPHYR_QUOKKA_LIMIT = 17;', 'export const other = 1;']),
  file(
    'src/b.ts',
    ['// nothing here', 'function zephyr() {}', '  // the quokka limit is enforced below', '  if (n > zephyrQuokkaLimit) throw new Error("limit");'],
    40,
  ),
].join('\n');

describe('offload reader (map)', () => {
  test('returns the numbered lines that hold the question’s content words, quoted exactly', async () => {
    const answer = JSON.parse(await ask(sim, mapBody('Where is the zephyr quokka limit set?', CHUNK))) as MapAnswer;
    expect(answer.relevant).toBe(true);
    expect(answer.findings.map((f) => [f.file, f.line_start, f.line_end, f.quote])).toEqual([
      ['src/a.ts', 3, 3, 'const ZEPHYR_QUOKKA_LIMIT = 17;'],
      ['src/b.ts', 42, 43, '  // the quokka limit is enforced below\n  if (n > zephyrQuokkaLimit) throw new Error("limit");'],
    ]);
    expect(answer.findings[0]!.claim).toBe('Mentions zephyr, quokka, limit.');
    expect(answer.confidence).toBe(1);
  });

  test('a chunk without the words is not relevant', async () => {
    const answer = JSON.parse(await ask(sim, mapBody('Where are webhook signatures validated?', CHUNK))) as MapAnswer;
    expect(answer).toEqual({ relevant: false, findings: [], confidence: 0 });
  });

  test('the marker offload:map in the system prompt works without a schema', async () => {
    const body = mapBody('zephyr quokka limit', CHUNK, { response_format: { type: 'json_object' } });
    (body.messages as { content: string }[])[0]!.content = 'offload:map reader';
    const answer = JSON.parse(await ask(sim, body)) as MapAnswer;
    expect(answer.findings.length).toBe(2);
  });

  test('fabricateRate replaces that share of quotes with text not in the chunk, the same way every time', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? `const zephyr_${i} = quokka(${i});` : `// filler ${i}`));
    const chunk = file('src/big.ts', lines);
    sim.setOptions({ fabricateRate: 0.5 });
    try {
      const quotes: string[] = [];
      for (let i = 0; i < 8; i++) {
        const answer = JSON.parse(await ask(sim, mapBody(`zephyr quokka variant ${i}`, chunk))) as MapAnswer;
        for (const f of answer.findings) quotes.push(f.quote);
      }
      const made = quotes.filter((q) => !lines.join('\n').includes(q));
      expect(made.length).toBeGreaterThan(quotes.length * 0.25);
      expect(made.length).toBeLessThan(quotes.length * 0.75);
      const again = JSON.parse(await ask(sim, mapBody('zephyr quokka variant 0', chunk))) as MapAnswer;
      const first = JSON.parse(await ask(sim, mapBody('zephyr quokka variant 0', chunk))) as MapAnswer;
      expect(again).toEqual(first);
    } finally {
      sim.setOptions({ fabricateRate: 0 });
    }
  });

  test('fabricateRate outside 0..1 is refused naming the option', () => {
    expect(() => sim.setOptions({ fabricateRate: 2 })).toThrow(/`fabricateRate`/);
  });

  test('a rule that matches wins over the reader', async () => {
    sim.setOptions({ rules: [{ match: { user: 'zephyr' }, reply: { relevant: false, findings: [], confidence: 0.5 } }] });
    try {
      const answer = JSON.parse(await ask(sim, mapBody('zephyr quokka', CHUNK))) as MapAnswer;
      expect(answer.confidence).toBe(0.5);
    } finally {
      sim.setOptions({ rules: [] });
    }
  });
});

describe('offload reader (reduce)', () => {
  const findings = [
    { id: 'F1', file: 'a.ts', line_start: 3, line_end: 3, claim: 'The limit is 17.', quote: 'const LIMIT = 17;', confidence: 1 },
    { id: 'F2', file: 'b.ts', line_start: 9, line_end: 9, claim: 'The limit is 20.', quote: 'const LIMIT = 20;', confidence: 0.5 },
    { id: 'F3', file: 'c.ts', line_start: 1, line_end: 1, claim: 'It is checked.', quote: 'check(LIMIT)', confidence: 0.5 },
  ];
  const body = (maxTokens?: number) => ({
    model: 'sim-1',
    messages: [
      { role: 'system', content: 'You merge findings.' },
      { role: 'user', content: `Question: what is the limit?\n\nFindings:\n${findings.map((f) => JSON.stringify(f)).join('\n')}` },
    ],
    response_format: REDUCE_SCHEMA,
    ...(maxTokens ? { max_tokens: maxTokens } : {}),
  });

  test('answers from the findings given, citing their ids, and reports findings that disagree on a value', async () => {
    const answer = JSON.parse(await ask(sim, body())) as { answer: string; conflicts: { finding_ids: string[]; issue: string }[] };
    expect(answer.answer.split('\n')).toEqual([
      '3 findings answer this:',
      '- The limit is 17. [F1]: `const LIMIT = 17;`',
      '- The limit is 20. [F2]: `const LIMIT = 20;`',
      '- It is checked. [F3]: `check(LIMIT)`',
    ]);
    expect(answer.conflicts).toEqual([{ finding_ids: ['F1', 'F2'], issue: 'different values for `const LIMIT = #;`' }]);
  });

  test('stays valid JSON within max_tokens by dropping bullets', async () => {
    const content = await ask(sim, body(40));
    expect(content.length).toBeLessThanOrEqual(160);
    const answer = JSON.parse(content) as { answer: string };
    expect(answer.answer.split('\n').length).toBeLessThan(4);
  });
});
