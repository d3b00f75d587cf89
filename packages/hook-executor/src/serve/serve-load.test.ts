// The fault suite's load half (RELIABILITY.md): `serve` answering bursts and a sustained stream of
// requests, a blocking hook among many, and no hook output lost. Bounded in count and time; the
// full-size runs (1000 × 21 command hooks, a minute of sustained load) are `pnpm bench` rows.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { tempDir } from '../test-helpers/fixtures.js';
import { records, serverForFile, type Answer, type RunningServe } from '../test-helpers/serve.js';

const shared = serverForFile(beforeAll, afterAll);
const GATE_OUTPUT = '{"decision":"block","reason":"stop here"}';
const BLOCK = { type: 'command', id: 'gate', command: `printf '${GATE_OUTPUT}'` };

function project(hooks: unknown[], modules: Record<string, string> = {}): string {
  const dir = tempDir('hook-executor-load-');
  fs.mkdirSync(path.join(dir, '.claude', 'hooks'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.claude', 'hook-executor.json'), JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks }], Stop: [{ hooks }] } }));
  for (const [name, source] of Object.entries(modules)) fs.writeFileSync(path.join(dir, '.claude', 'hooks', name), source);
  return dir;
}

/** `count` POSTs at once, over as many connections as `sockets` allows. */
async function burst(server: RunningServe, event: string, dir: string, count: number, sockets: number): Promise<Answer[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const one = (i: number) =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request(`${server.url}/hooks/${event}`, { method: 'POST', agent, headers: { authorization: `Bearer ${server.token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ session_id: `load-${i}`, cwd: dir, hook_event_name: event, prompt: `p${i}` }));
    });
  try {
    return await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
  } finally {
    agent.destroy();
  }
}

const decisionOf = (body: string) => (body ? (JSON.parse(body) as { decision?: string; reason?: string }) : {});

/** The server's resident memory now and at its peak, in MB (from /proc). */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

describe('serve under load: no hook output lost', () => {
  test('100 requests at once, 21 command hooks each (one blocking): every answer blocks, every run records the gate’s output', async () => {
    const hooks = [...Array.from({ length: 20 }, (_, i) => ({ type: 'command', id: `quiet-${i}`, command: `true ${i}` })), BLOCK];
    const dir = project(hooks);
    const before = records(shared.s).length;
    const answers = await burst(shared.server, 'UserPromptSubmit', dir, 100, 100);
    const blocked = answers.filter((a) => a.status === 200 && decisionOf(a.body).decision === 'block');
    expect(blocked).toHaveLength(100);
    const runs = records(shared.s).slice(before) as unknown as { hooks: { id: string; stdout_bytes?: number }[] }[];
    expect(runs).toHaveLength(100);
    expect(runs.filter((r) => r.hooks.find((h) => h.id === 'gate')?.stdout_bytes !== GATE_OUTPUT.length)).toEqual([]);
  }, 300_000);

  test('1000 requests at once over 1000 connections (a command gate among 21 hooks, the rest in-process): every answer blocks', async () => {
    const quiet = 'export default () => undefined;';
    const hooks = [...Array.from({ length: 20 }, (_, i) => ({ type: 'module', id: `m${i}`, module: `./hooks/quiet-${i}.mjs` })), BLOCK];
    const dir = project(hooks, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`quiet-${i}.mjs`, quiet])));
    const answers = await burst(shared.server, 'UserPromptSubmit', dir, 1000, 1000);
    const wrong = answers.filter((a) => a.status !== 200 || decisionOf(a.body).decision !== 'block');
    expect(wrong).toEqual([]);
  }, 300_000);

  test('sustained: 10 requests a second for 10 s, three hooks writing 1 MB each (the gate’s reason is 1 MB): all blocked, every byte there, memory ' +
    'bounded', async () => {
    const reason = 'r'.repeat(1_000_000);
    const gate = { type: 'command', id: 'big-gate', command: `printf '{"decision":"block","reason":"'; head -c 1000000 /dev/zero | tr '\\0' r; printf '"}'` };
    const writers = Array.from({ length: 2 }, (_, i) => ({ type: 'command', id: `writer-${i}`, command: `head -c 1000000 /dev/zero | tr '\\0' ${i}` }));
    const dir = project([gate, ...writers]);
    const pending: Promise<Answer[]>[] = [];
    const started = performance.now();
    for (let i = 0; i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + i * 100 - performance.now()))); // 10 a second, no drift
      pending.push(burst(shared.server, 'Stop', dir, 1, 1));
    }
    const answers = (await Promise.all(pending)).flat();
    expect(answers).toHaveLength(100);
    const lost = answers.filter((a) => {
      const d = decisionOf(a.body);
      return a.status !== 200 || d.decision !== 'block' || d.reason !== reason;
    });
    expect(lost).toHaveLength(0);
    const memory = memoryMb(shared.server.pid);
    process.stderr.write(`serve after the sustained load: RSS ${memory.rss} MB, peak ${memory.peak} MB\n`);
    expect(memory.peak).toBeLessThan(600);
  }, 300_000);
});
