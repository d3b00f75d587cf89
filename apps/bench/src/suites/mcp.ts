// fanout-mcp (issue 18 §Bench), in one run, interleaved per repetition:
//   1. the cost of a tool call through the server over the same library call made in-process:
//      `oracle` (one persona) against llm-sim answering at once, calls one after another, so what
//      is left is stdio, JSON-RPC, argument checks and the result's JSON: ≤ +10 ms per call;
//   2. start-up: spawn → `initialize` answered → `tools/list` answered, beside `node -e ''`, for the
//      bundle the bin runs and for the plain tsc output (what the bundle buys).
// Notes: the server's CPU time to get ready (load on a shared machine inflates wall time, not
// CPU), and its RSS idle and after a 1000-item swarm (it is a guest in every session).
// The client here is a few lines of JSON-RPC over the child's stdio (the bench has no MCP SDK), so
// the figures are the server's cost, not a client library's.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { consult, createClient, DEFAULT_PERSONA, resolveProvider } from '@fanout/oracle';
import { median, ratioRow, timed } from '../measure.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const MCP_DIR = path.resolve(here, '../../../../packages/mcp');
const BIN = path.join(MCP_DIR, 'bin/fanout-mcp.js');
const SIM_BIN = path.resolve(MCP_DIR, '../llm-sim/bin/llm-sim.js');
const PLAIN_CLI = path.join(MCP_DIR, 'dist/cli.js');
const TARGET_MS = 10;
// Seconds per clock tick in /proc/<pid>/stat (USER_HZ, 100 on Linux).
const TICK_MS = 10;

interface RpcServer {
  readonly child: ChildProcess;
  request(method: string, params?: unknown): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Starts the server and completes the MCP handshake. */
async function startServer(script: string, env: NodeJS.ProcessEnv): Promise<RpcServer> {
  const child = spawn(process.execPath, [script], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  let buffered = '';
  let next = 1;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end)) as { id?: number };
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined) waiting.get(message.id)?.(message);
    }
  });
  const request = (method: string, params: unknown = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = next++;
      waiting.set(id, (message) => {
        waiting.delete(id);
        if (message['error']) reject(new Error(`${method}: ${JSON.stringify(message['error'])}`));
        else resolve(message['result'] as Record<string, unknown>);
      });
      child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  await request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fanout-bench', version: '0' } });
  child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  return {
    child,
    request,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

async function callTool(server: RpcServer, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await server.request('tools/call', { name, arguments: args });
  if (result['isError']) throw new Error(`${name}: ${JSON.stringify(result['content'])}`);
  return result['structuredContent'] as Record<string, unknown>;
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

/** User + system CPU time the process has used so far. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** llm-sim in its own process: neither side of the comparison shares an event loop with it. */
async function startSimProcess(): Promise<{ baseURL: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [SIM_BIN, '--port', '0', '--latency-ms', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`llm-sim exited (${code}) before printing its port`)));
  });
  return { baseURL: `http://127.0.0.1:${(JSON.parse(first) as { port: number }).port}/v1`, child };
}

async function perCall(calls: number, fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return (performance.now() - start) / calls;
}

export const suite: BenchSuite = {
  name: 'mcp',
  quick: true,
  async run(context: BenchContext): Promise<BenchRow[]> {
    const sim = await startSimProcess();
    const home = mkdtempSync(path.join(os.tmpdir(), 'bench-mcp-'));
    const env = { PATH: process.env['PATH'] ?? '', HOME: home, OPENAI_BASE_URL: sim.baseURL, FANOUT_MODEL: 'sim-1' };
    const server = await startServer(BIN, env);
    const calls = context.quick ? 10 : 30;
    const prompt = 'Is this migration safe? End with "Answer: X".';
    const out = path.join(home, 'swarm.jsonl');

    // The same work as each tool, in-process: resolve the provider, open a client, call, close it.
    const libraryOracle = async () => {
      const client = createClient({ resolved: resolveProvider({ baseURL: sim.baseURL, model: 'sim-1' }), concurrency: 1 });
      try {
        const report = await consult({ prompt, personas: [DEFAULT_PERSONA], client, cwd: home });
        if (report.results[0]!.error) throw report.results[0]!.error;
      } finally {
        await client.close();
      }
    };
    const mcpOracle = () => callTool(server, 'oracle', { prompt });

    try {
      const idleRss = rssMb(server.child.pid!);
      for (const warm of [libraryOracle, mcpOracle]) await perCall(3, warm);
      const times = { library: [] as number[], mcp: [] as number[] };
      const starts = { bundle: [] as number[], plain: [] as number[], node: [] as number[], cpu: [] as number[] };
      for (let rep = 0; rep < context.reps; rep++) {
        times.library.push(await perCall(calls, libraryOracle));
        times.mcp.push(await perCall(calls, mcpOracle));
        for (const [key, script] of [['bundle', BIN], ['plain', PLAIN_CLI]] as const) {
          const started = performance.now();
          const fresh = await startServer(script, env);
          await fresh.request('tools/list');
          starts[key].push(performance.now() - started);
          if (key === 'bundle') starts.cpu.push(cpuMs(fresh.child.pid!));
          await fresh.close();
        }
        starts.node.push(await timed(process.execPath, ['-e', ''], '', env));
        context.log(
          `mcp rep ${rep + 1}/${context.reps}: oracle ${times.library.at(-1)!.toFixed(2)} → ${times.mcp.at(-1)!.toFixed(2)} ms per call; ` +
            `start-up ${Math.round(starts.bundle.at(-1)!)} ms, ${starts.cpu.at(-1)} ms CPU (unbundled ${Math.round(starts.plain.at(-1)!)} ms, node ` +
              `-e '' ${Math.round(starts.node.at(-1)!)} ms)`,
        );
      }
      await callTool(server, 'swarm', { prompt, n: 1000, vote: true, out, concurrency: 50 });
      const loadedRss = rssMb(server.child.pid!);
      const [library, mcp] = [median(times.library), median(times.mcp)];
      const [bundle, plain, node] = [median(starts.bundle), median(starts.plain), median(starts.node)];
      return [
        {
          work: 'MCP tool call (oracle, 1 persona), sim answering at once',
          baseline: { name: 'same library call in-process', ms: Math.round(library * 100) / 100 },
          fanout: Math.round(mcp * 100) / 100,
          ratio: ratioRow(mcp, library),
          ratioAgainst: 'library call',
          target: `≤ +${TARGET_MS} ms`,
          pass: mcp - library <= TARGET_MS,
          note: `+${(mcp - library).toFixed(2)} ms per call (medians of ${context.reps} × ${calls} calls one after another)`,
        },
        {
          work: 'fanout-mcp start-up: spawn → initialize → tools/list answered',
          baseline: { name: "node -e ''", ms: Math.round(node) },
          fanout: Math.round(bundle),
          ratio: ratioRow(bundle, node),
          ratioAgainst: "node -e ''",
          target: '≤ node + 250 ms',
          pass: bundle - node <= 250,
          note: `${median(starts.cpu)} ms CPU; unbundled tsc output ${Math.round(plain)} ms; RSS idle ${idleRss} MB, ${loadedRss} MB after a 1000-item swarm`,
        },
      ];
    } finally {
      await server.close();
      sim.child.kill();
      rmSync(home, { recursive: true, force: true });
    }
  },
};
