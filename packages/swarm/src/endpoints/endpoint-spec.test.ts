import { describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { withTempDir } from '../test-helpers/tmp.js';
import { endpointSpecs, parseEndpointFlag } from './endpoint-spec.js';

describe('endpoint specs', () => {
  test('NAME=URL with options', () => {
    expect(parseEndpointFlag('gpu1=http://10.0.0.5:8000/v1')).toEqual({ name: 'gpu1', url: 'http://10.0.0.5:8000/v1', weight: 1 });
    expect(parseEndpointFlag('oai=https://api.openai.com/v1,key-env=OPENAI_KEY_2,weight=2.5,model=gpt-4.1-mini')).toEqual({
      name: 'oai',
      url: 'https://api.openai.com/v1',
      keyEnv: 'OPENAI_KEY_2',
      weight: 2.5,
      model: 'gpt-4.1-mini',
    });
  });

  test('mistakes are one line naming the endpoint and what is wrong', () => {
    const cases: Array<[string, RegExp]> = [
      ['http://x', /expected NAME=URL/],
      ['a=ftp://x', /"ftp:\/\/x" is not an http\(s\) URL/],
      ['a=http://x,weight=0', /--endpoint a: weight must be a number > 0/],
      ['a=http://x,weight=', /weight must be a number > 0/],
      ['a=http://x,key=sk-123', /unknown option "key"/],
      ['a=http://x,key-env=sk-live 1', /key-env must name an environment variable/],
      ['a b=http://x', /name "a b" must be/],
      ['a=http://x,model=', /model= needs a model name/],
    ];
    for (const [flag, message] of cases) expect(() => parseEndpointFlag(flag)).toThrow(message);
  });

  test('a file of JSON or of lines, joined with the flags; names unique', () =>
    withTempDir((t) => {
      const json = t.file('e.json');
      writeFileSync(json, JSON.stringify([{ name: 'a', url: 'http://a', key_env: 'A_KEY', weight: 2 }, { name: 'b', url: 'http://b' }]));
      const lines = t.file('e.txt');
      writeFileSync(lines, '# servers\nc=http://c,model=m\n\n');
      expect(endpointSpecs(['d=http://d'], json).map((s) => [s.name, s.weight, s.keyEnv])).toEqual([
        ['a', 2, 'A_KEY'],
        ['b', 1, undefined],
        ['d', 1, undefined],
      ]);
      expect(endpointSpecs([], lines)).toEqual([{ name: 'c', url: 'http://c', weight: 1, model: 'm' }]);
      expect(() => endpointSpecs(['a=http://z'], json)).toThrow('endpoint name "a" is used twice');
      writeFileSync(lines, 'c=http://c\nbroken\n');
      expect(() => endpointSpecs([], lines)).toThrow(/e\.txt:2 "broken": expected NAME=URL/);
      writeFileSync(json, '[{"name":"a"}]');
      expect(() => endpointSpecs([], json)).toThrow(/e\.json\[0\]: "url" must be a string/);
      expect(() => endpointSpecs([], t.file('none.json'))).toThrow(/--endpoints .*none\.json: cannot read it \(ENOENT\)/);
    }));
});
