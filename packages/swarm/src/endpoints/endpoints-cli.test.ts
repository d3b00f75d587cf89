import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { runCli } from '../test-helpers/cli.js';
import { withTempDir } from '../test-helpers/tmp.js';

let open: SimServer;
let keyed: SimServer;
const KEY = 'sk-endpoint-secret-1234';
beforeAll(async () => {
  [open, keyed] = await Promise.all([startSim({ latencyMs: 2 }), startSim({ latencyMs: 2, apiKey: KEY })]);
});
afterAll(() => Promise.all([open.close(), keyed.close()]));

describe('swarm --endpoint (built binary, real llm-sim)', () => {
  test('two endpoints, one with a key from key-env: both answer, figures per endpoint, the key nowhere', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      const args = ['q', '--n', '300', '--vote', '--out', out, '--model', 'sim-1', '--concurrency', '10', '--json'];
      const r = await runCli([...args, '--endpoint', `a=${open.baseURL}`, '--endpoint', `b=${keyed.baseURL},key-env=B_SECRET`], undefined, [], {
        B_SECRET: KEY,
      });
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      const summary = JSON.parse(r.stdout) as { ok: number; endpoints: Array<{ name: string; ok: number; url: string }> };
      expect(summary.ok).toBe(300);
      expect(summary.endpoints.map((e) => e.name)).toEqual(['a', 'b']);
      expect(summary.endpoints.every((e) => e.ok > 0)).toBe(true);
      expect(summary.endpoints[0]!.ok + summary.endpoints[1]!.ok).toBe(300);
      const sidecar = readFileSync(`${out}.swarm.json`, 'utf8');
      for (const text of [r.stdout, readFileSync(out, 'utf8'), sidecar]) expect(text).not.toContain(KEY);
      expect(JSON.parse(sidecar).made_from).toMatchObject({ provider: 'endpoints', model: 'sim-1' });

      // The text summary has a line per endpoint.
      const text = await runCli(['q', '--n', '20', '--vote', '--model', 'sim-1', '--endpoint', `a=${open.baseURL}`, '--endpoint', `b=${open.baseURL}`]);
      expect(text.stdout).toMatch(/\n {2}a: [\d,]+ ok \([\d.]+%\), [\d,]+ calls\/s, [\d,]+ attempts\n {2}b: /);
    }));

  test('an endpoint whose key is refused is dropped and the others finish the run', async () => {
    const r = await runCli(
      ['q', '--n', '200', '--vote', '--model', 'sim-1', '--json', '--endpoint', `good=${open.baseURL}`, '--endpoint', `bad=${keyed.baseURL},key-env=BAD_KEY`],
      undefined,
      [],
      { BAD_KEY: 'sk-wrong-key-999' },
    );
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { ok: number; endpoints: Array<{ name: string; ok: number; disabled?: string }> };
    expect(summary.ok).toBe(200);
    expect(summary.endpoints[1]).toMatchObject({ name: 'bad', ok: 0 });
    expect(summary.endpoints[1]!.disabled).toMatch(/401|key/i);
    expect(r.stdout).not.toContain('sk-wrong-key-999');
  });

  test('mistakes are one line and exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--endpoint', `a=${open.baseURL},key-env=NOT_SET_ANYWHERE`], /^swarm: --endpoint a: key-env=NOT_SET_ANYWHERE but NOT_SET_ANYWHERE is not set\n$/],
      [['--endpoint', `a=${open.baseURL}`, '--base-url', open.baseURL], /^swarm: --endpoint names each URL itself: leave out --provider and --base-url\n$/],
      [['--endpoint', `a=${open.baseURL}`, '--rpm', '10'], /^swarm: --rpm and --tpm pace one endpoint/],
      [['--endpoint', 'a=nope'], /^swarm: --endpoint a: "nope" is not an http\(s\) URL\n$/],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli(['q', '--n', '5', '--vote', ...flags]);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(message) });
    }
  });
});
