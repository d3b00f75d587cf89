// llm-sim's own throughput: the same load against the simulator and against a bare node:http server
// that answers every request with the bytes llm-sim gave for it (the floor of node:http here), each
// server in its own process and the client (undici request(), c100, no latency) in a third. Rows for
// JSON and for SSE; the note gives requests/s and the server's CPU per request (from /proc).
// SSE is allowed more: llm-sim renders one chunk event per word (~40 per answer, each repeating the
// id/model envelope, as OpenAI does) where the bare server sends bytes rendered once.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, ratioRow } from '../measure.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIM_BIN = path.resolve(here, '../../../../packages/llm-sim/bin/llm-sim.js');
const CONCURRENCY = 100;
const TARGET = { json: 1.5, sse: 2 };
const BODY = {
  model: 'sim-1',
  messages: [
    { role: 'system', content: 'You are the critic.' },
    { role: 'user', content: 'Round 1: should we cache the session lookups?' },
  ],
};

interface Server {
  readonly port: number;
  readonly pid: number;
  close(): Promise<void>;
}

/** Starts a child that prints {"port":N} first (llm-sim, or this file in bare-server mode). */
async function startServer(args: readonly string[]): Promise<Server> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before printing its port`)));
  });
  const { port } = JSON.parse(first) as { port: number };
  return {
    port,
    pid: child.pid!,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** CPU seconds a process has used (user + system), or undefined off Linux. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function runClient(port: number, n: number, stream: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--llm-sim-bench-client', String(port), String(n), String(stream)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.once('exit', (code) => (code === 0 ? resolve((JSON.parse(out) as { ms: number }).ms) : reject(new Error(`client exited ${code}`))));
  });
}

async function measure(server: Server, n: number, stream: boolean, reps: number): Promise<{ ms: number; cpuUsPerRequest: number | undefined }> {
  await runClient(server.port, n, stream); // warm-up: JIT, connections
  const before = cpuSeconds(server.pid);
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push(await runClient(server.port, n, stream));
  const after = cpuSeconds(server.pid);
  const cpu = before === undefined || after === undefined ? undefined : ((after - before) / (reps * n)) * 1e6;
  return { ms: median(times), cpuUsPerRequest: cpu };
}

async function row(ctx: BenchContext, sim: Server, n: number, stream: boolean): Promise<BenchRow> {
  const kind = stream ? 'SSE' : 'JSON';
  const captured = await fetch(`http://127.0.0.1:${sim.port}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...BODY, stream }),
  });
  const canned = await captured.text();
  const bare = await startServer([fileURLToPath(import.meta.url), '--llm-sim-bench-bare', stream ? 'text/event-stream' : 'application/json', canned]);
  try {
    const reps = Math.min(ctx.reps, 3);
    ctx.log(`${n} ${kind} requests, c${CONCURRENCY}: llm-sim`);
    const simRun = await measure(sim, n, stream, reps);
    ctx.log('  bare node:http with the same bytes');
    const bareRun = await measure(bare, n, stream, reps);
    const ratio = ratioRow(simRun.ms, bareRun.ms);
    const target = stream ? TARGET.sse : TARGET.json;
    const rps = (ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
    const cpu = (us: number | undefined) => (us === undefined ? 'n/a' : `${us.toFixed(0)} µs`);
    return {
      work: `llm-sim ${n.toLocaleString('en-US')} ${kind} chat requests, c${CONCURRENCY}, 0 ms`,
      peer: { name: 'bare node:http, same bytes', ms: Math.round(bareRun.ms) },
      fanout: Math.round(simRun.ms),
      ratio,
      ratioAgainst: 'bare node:http',
      target: `≤ ${target}×`,
      pass: ratio <= target,
      note: `${rps(simRun.ms)} req/s (bare ${rps(bareRun.ms)}); server CPU per request ${cpu(simRun.cpuUsPerRequest)} (bare ${cpu(bareRun.cpuUsPerRequest)})`,
    };
  } finally {
    await bare.close();
  }
}

export const suite: BenchSuite = {
  name: 'llm-sim',
  quick: true,
  async run(ctx) {
    const n = ctx.quick ? 5_000 : 20_000;
    const sim = await startServer([SIM_BIN, '--port', '0']);
    try {
      return [await row(ctx, sim, n, false), await row(ctx, sim, n, true)];
    } finally {
      await sim.close();
    }
  },
};

// ---- child modes: the bare server and the load client, each alone in its process ----------------

function bareServer(contentType: string, body: string): void {
  const length = String(Buffer.byteLength(body));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': contentType, 'content-length': length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
  });
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
  });
}

async function client(port: number, n: number, stream: boolean): Promise<number> {
  const { Agent } = await import('undici');
  const agent = new Agent({ connections: CONCURRENCY });
  const body = JSON.stringify({ ...BODY, stream });
  const headers = { 'content-type': 'application/json' };
  let next = 0;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (next++ < n) {
      const res = await agent.request({ origin: `http://127.0.0.1:${port}`, path: '/v1/chat/completions', method: 'POST', headers, body });
      const text = await res.body.text();
      if (res.statusCode !== 200 || text.length === 0) throw new Error(`status ${res.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ms = performance.now() - start;
  await agent.close();
  return ms;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [mode, a, b, c] = process.argv.slice(2);
  if (mode === '--llm-sim-bench-bare') bareServer(a!, b!);
  if (mode === '--llm-sim-bench-client') process.stdout.write(`${JSON.stringify({ ms: await client(Number(a), Number(b), c === 'true') })}\n`);
}
