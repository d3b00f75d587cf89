import { describe, expect, test } from '@jest/globals';
import { parseMapAnswer } from './map/parse-findings.js';
import { parseJsonObject } from './parse-json.js';

describe('parseJsonObject', () => {
  test('bare, fenced and wrapped in prose', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonObject('Here you go:\n```json\n{"a":2}\n```\nDone.')).toEqual({ a: 2 });
    expect(parseJsonObject('Sure! {"a":3} hope it helps')).toEqual({ a: 3 });
  });

  test('no object at all is E_BAD_ANSWER quoting how the answer began', () => {
    expect(() => parseJsonObject('I cannot help with that.')).toThrow(
      expect.objectContaining({ code: 'E_BAD_ANSWER', message: expect.stringContaining('"I cannot help') }),
    );
    expect(() => parseJsonObject('[1,2]')).toThrow(expect.objectContaining({ code: 'E_BAD_ANSWER' }));
  });
});

describe('parseMapAnswer', () => {
  test('keeps well-formed findings, drops broken ones, clamps confidence, and drops what an irrelevant chunk cites', () => {
    const answer = parseMapAnswer(
      JSON.stringify({
        relevant: true,
        confidence: 7,
        findings: [
          { claim: ' x ', file: './a.ts', line_start: '4', line_end: 2, quote: 'q' },
          { claim: 'no quote', file: 'a.ts', line_start: 1, line_end: 1 },
          { claim: 'line 0', file: 'a.ts', line_start: 0, line_end: 1, quote: 'q' },
        ],
      }),
    );
    expect(answer).toEqual({ relevant: true, confidence: 1, findings: [{ claim: 'x', file: 'a.ts', line_start: 2, line_end: 4, quote: 'q' }] });
    const irrelevant = parseMapAnswer('{"relevant": false, "findings": [{"claim":"c","file":"a","line_start":1,"line_end":1,"quote":"q"}], "confidence": 0.2}');
    expect(irrelevant).toEqual({ relevant: false, findings: [], confidence: 0.2 });
  });
});
