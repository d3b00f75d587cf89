// The built binary's cost flags: --prices FILE (its own shape or a fanout prices.json) and the
// prompt-cache switches. Needs dist/ (run the build first).
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const BIN = path.resolve(import.meta.dirname, '../../bin/llm-sim.js');
const dir = mkdtempSync(path.join(tmpdir(), 'llm-sim-prices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the binary, sends `requests` chat bodies one after another, returns their usage objects. */
async function usages(args: string[], requests: unknown[]): Promise<Record<string, any>[]> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const { port } = JSON.parse(first) as { port: number };
    const out: Record<string, any>[] = [];
    for (const body of requests) {
      const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify(body),
      });
      out.push(((await response.json()) as { usage: Record<string, any> }).usage);
    }
    return out;
  } finally {
    child.kill('SIGKILL');
  }
}

const long = { model: 'sim-1', messages: [{ role: 'system', content: 'x'.repeat(2000) }, { role: 'user', content: 'q' }] };

describe('llm-sim cost flags', () => {
  test('--prices FILE prices answers; a fanout prices.json works too', async () => {
    const own = path.join(dir, 'own.json');
    writeFileSync(own, JSON.stringify({ 'sim-1': { input: 1, output: 2 } }));
    const [usage] = await usages(['--prices', own], [long]);
    expect(usage!.cost).toBeCloseTo((usage!.prompt_tokens * 1 + usage!.completion_tokens * 2) / 1e6, 12);
    const fanout = path.join(dir, 'fanout.json');
    writeFileSync(fanout, JSON.stringify({ providers: { sim: { models: { 'sim-1': { input: 3, output: 4 } } } } }));
    const [again] = await usages(['--prices', fanout], [long]);
    expect(again!.cost).toBeCloseTo((again!.prompt_tokens * 3 + again!.completion_tokens * 4) / 1e6, 12);
  });

  test('--prompt-cache-min-tokens caches shorter prefixes; --no-prompt-cache caches nothing', async () => {
    // 2,001 characters: under the default 1,024-token minimum, over a 256-token one (boundaries at 1,024 and 1,536 characters).
    expect((await usages([], [long, long])).map((u) => u.prompt_tokens_details.cached_tokens)).toEqual([0, 0]);
    expect((await usages(['--prompt-cache-min-tokens', '256'], [long, long])).map((u) => u.prompt_tokens_details.cached_tokens)).toEqual([0, 384]);
    const off = await usages(['--no-prompt-cache', '--prompt-cache-min-tokens', '1'], [long]).catch((error: Error) => error);
    expect(off).toBeInstanceOf(Error);
  });

  test('an unreadable or malformed --prices file is one line and exit 2', () => {
    const missing = spawnSync(process.execPath, [BIN, '--prices', path.join(dir, 'nope.json')], { encoding: 'utf8', timeout: 15_000 });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe(`llm-sim: --prices ${path.join(dir, 'nope.json')}: ENOENT (see llm-sim --help)`);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ 'sim-1': { input: 'cheap', output: 1 } }));
    const invalid = spawnSync(process.execPath, [BIN, '--prices', bad], { encoding: 'utf8', timeout: 15_000 });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr.trim().split('\n')).toHaveLength(1);
    expect(invalid.stderr).toContain('prices.sim-1');
  });
});
