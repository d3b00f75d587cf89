// Run as a process of its own by the offload row (never imported): the floor of offload's run, the
// same requests with none of offload's own work.
//   node replay.js record BASE_URL CORPUS QUESTION C OUT   runs offload once and writes every request body it sent
//   node replay.js replay BASE_URL FILE C                  sends them again from a cold process, timed
// The replay is what any client of these calls pays at least: undici's pool, cold, sends the
// recorded reader requests at C at once, reads and parses every answer, then sends the reduce
// request(s). Reading the corpus, chunking, prompts, cache keys, verification, the cache file,
// retries and pacing are all left out. It prints {"ms": N, "calls": N}.
import { readFileSync, writeFileSync } from 'node:fs';
import type { OracleClient } from '@fanout/oracle';

interface Recorded {
  readonly map: string[];
  readonly reduce: string[];
}

async function record(baseURL: string, corpus: string, question: string, c: number, out: string): Promise<void> {
  const [{ offload }, { chatBody, createClient }] = await Promise.all([import('@fanout/offload'), import('@fanout/oracle')]);
  const inner = createClient({ baseURL, model: 'sim-1', concurrency: c });
  const recorded: Recorded = { map: [], reduce: [] };
  const client: OracleClient = {
    provider: inner.provider,
    model: inner.model,
    transport: inner.transport,
    chat(request, options) {
      // The body exactly as oracle's transport serialises it. The reader requests carry the
      // findings schema; everything after them is the reduce.
      (request.schema?.name === 'offload_findings' ? recorded.map : recorded.reduce).push(JSON.stringify(chatBody(request, inner.model, false)));
      return inner.chat(request, options);
    },
    stream: (request, options) => inner.stream(request, options),
    models: (options) => inner.models(options),
    baseURL: () => inner.baseURL(),
    close: () => inner.close(),
  };
  try {
    await offload({ question, paths: ['.'], cwd: corpus, client, concurrency: c, cacheDir: false });
  } finally {
    await inner.close();
  }
  writeFileSync(out, JSON.stringify(recorded));
}

async function replay(baseURL: string, file: string, c: number): Promise<{ ms: number; calls: number }> {
  const { Agent } = await import('undici');
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as Recorded;
  const map = recorded.map.map((b) => Buffer.from(b));
  const reduce = recorded.reduce.map((b) => Buffer.from(b));
  const url = new URL(baseURL);
  const path = `${url.pathname.replace(/\/+$/, '')}/chat/completions`;
  const headers = { 'content-type': 'application/json' };
  const start = performance.now();
  const agent = new Agent({ connections: c, pipelining: 1 });
  let calls = 0;
  const send = async (body: Buffer): Promise<void> => {
    const res = await agent.request({ origin: url.origin, path, method: 'POST', headers, body });
    const answer = (await res.body.json()) as { choices?: { message?: { content?: unknown } }[] };
    if (res.statusCode !== 200 || typeof answer.choices?.[0]?.message?.content !== 'string') throw new Error(`replay: status ${res.statusCode}`);
    calls++;
  };
  const wave = async (bodies: readonly Buffer[]): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < bodies.length) await send(bodies[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(c, bodies.length) }, worker));
  };
  await wave(map);
  await wave(reduce);
  const ms = performance.now() - start;
  await agent.close();
  return { ms: Math.round(ms), calls };
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'record') {
  const [baseURL, corpus, question, c, out] = args as [string, string, string, string, string];
  await record(baseURL, corpus, question, Number(c), out);
} else if (mode === 'replay') {
  const [baseURL, file, c] = args as [string, string, string];
  process.stdout.write(`${JSON.stringify(await replay(baseURL, file, Number(c)))}\n`);
} else {
  process.stderr.write(`offload-replay: unknown mode "${mode}" (record or replay)\n`);
  process.exitCode = 2;
}
