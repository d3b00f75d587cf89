// hook-executor serve under load (issue 16, RELIABILITY.md): no hook output lost, whatever arrives.
//   1. A burst: 1000 UserPromptSubmit requests at once over 1000 connections, 21 command hooks each
//      (20 × `true`, one gate printing {"decision":"block"}): every answer must block.
//   2. Sustained: 10 Stop requests a second for a minute, four hooks each writing 1 MB (the gate's
//      block reason is the 1 MB): every answer must block and carry the whole reason.
// Reported beside each: wall time, latency, the server's peak and settled RSS.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { median } from '../measure.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';
import { startServer } from './hook-executor-serve.js';

const GATE = '{"decision":"block","reason":"stop here"}';

interface Outcome {
  readonly ok: boolean;
  readonly ms: number;
  /** For a wrong answer: what came back instead (status and the start of the body, or the error). */
  readonly got?: string;
}

function post(agent: http.Agent, url: string, token: string, body: string, check: (text: string) => boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const ok = res.statusCode === 200 && check(text);
        resolve({ ok, ms: performance.now() - start, ...(ok ? {} : { got: `HTTP ${res.statusCode} ${text.slice(0, 160)}` }) });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, ms: performance.now() - start, got: `${error.code ?? ''} ${error.message}` }));
    req.end(body);
  });
}

function memoryMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

function project(root: string, name: string, handlers: Record<string, unknown>[]): string {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, '.claude'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, '.claude', 'hook-executor.json'),
    JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks: handlers }], Stop: [{ hooks: handlers }] } }),
  );
  return dir;
}

const percentile = (values: readonly number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

function row(work: string, outcomes: readonly Outcome[], note: string): BenchRow {
  const correct = outcomes.filter((o) => o.ok).length;
  const wrong = outcomes.find((o) => !o.ok)?.got;
  return {
    work,
    fanout: correct,
    unit: 'answers',
    ratio: Math.round((correct / outcomes.length) * 1000) / 1000,
    ratioAgainst: `${outcomes.length} sent`,
    target: 'every answer correct (0 lost)',
    pass: correct === outcomes.length,
    note: `lost ${outcomes.length - correct}${wrong ? ` (the first: ${JSON.stringify(wrong)})` : ''}; latency p50 ` +
      `${Math.round(median(outcomes.map((o) => o.ms)))} ms, p95 ${Math.round(percentile(outcomes.map((o) => o.ms), 0.95))} ms; ${note}`,
  };
}

async function withServer<T>(root: string, name: string, work: (server: { url: string; token: string; pid: number }) => Promise<T>): Promise<T> {
  const state = path.join(root, `${name}-state`);
  const env = { ...process.env, HOME: root, HOOK_EXECUTOR_STATE_DIR: state, HOOK_MONITOR_DIR: path.join(root, `${name}-monitor`) };
  delete (env as NodeJS.ProcessEnv).CLAUDE_PROJECT_DIR;
  const server = await startServer(env, state);
  try {
    return await work({ url: server.url, token: server.token, pid: server.child.pid! });
  } finally {
    server.child.kill('SIGTERM');
  }
}

async function burst(root: string, context: BenchContext): Promise<BenchRow> {
  const hooks = [...Array.from({ length: 20 }, (_, i) => ({ type: 'command', command: `true ${i}` })), { type: 'command', command: `printf '${GATE}'` }];
  const dir = project(root, 'burst', hooks);
  return withServer(root, 'burst', async (server) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        post(
          agent,
          `${server.url}/hooks/UserPromptSubmit`,
          server.token,
          JSON.stringify({ session_id: `b${i}`, cwd: dir, hook_event_name: 'UserPromptSubmit', prompt: `p${i}` }),
          (t) => t !== '' && (JSON.parse(t) as { decision?: string }).decision === 'block',
        ),
      ),
    );
    const wall = (performance.now() - started) / 1000;
    agent.destroy();
    const memory = memoryMb(server.pid);
    context.log(`burst: ${outcomes.filter((o) => o.ok).length}/1000 blocked in ${wall.toFixed(1)} s, peak RSS ${memory.peak} MB`);
    return row(
      'serve: 1000 requests at once (1000 connections), 21 command hooks each, one blocking',
      outcomes,
      `21,000 hooks in ${wall.toFixed(1)} s; serve peak RSS ${memory.peak} MB`,
    );
  });
}

async function sustained(root: string, context: BenchContext): Promise<BenchRow> {
  const reason = 'r'.repeat(1_000_000);
  const gate = { type: 'command', command: `printf '{"decision":"block","reason":"'; head -c 1000000 /dev/zero | tr '\\0' r; printf '"}'` };
  const writers = Array.from({ length: 3 }, (_, i) => ({ type: 'command', command: `head -c 1000000 /dev/zero | tr '\\0' ${i}` }));
  const dir = project(root, 'sustained', [gate, ...writers]);
  const seconds = 60;
  return withServer(root, 'sustained', async (server) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const pending: Promise<Outcome>[] = [];
    const started = performance.now();
    for (let i = 0; i < seconds * 10; i++) {
      const due = started + i * 100;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const body = JSON.stringify({ session_id: `s${i}`, cwd: dir, hook_event_name: 'Stop' });
      pending.push(post(agent, `${server.url}/hooks/Stop`, server.token, body, (t) => {
        const answer = t ? (JSON.parse(t) as { decision?: string; reason?: string }) : {};
        return answer.decision === 'block' && answer.reason === reason;
      }));
    }
    const outcomes = await Promise.all(pending);
    agent.destroy();
    const peak = memoryMb(server.pid).peak;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const settled = memoryMb(server.pid).rss;
    context.log(`sustained: ${outcomes.filter((o) => o.ok).length}/${outcomes.length} correct, peak RSS ${peak} MB, ${settled} MB 5 s later`);
    return row(
      `serve sustained: 10 requests/s for ${seconds} s, 4 hooks writing 1 MB each (a 1 MB block reason)`,
      outcomes,
      `${outcomes.length * 4} MB of hook output; serve peak RSS ${peak} MB, ${settled} MB 5 s after`,
    );
  });
}

export const suite: BenchSuite = {
  name: 'hook-executor-load',
  quick: false,
  async run(context) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hook-executor-load-'));
    try {
      return [await burst(root, context), await sustained(root, context)];
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
};
