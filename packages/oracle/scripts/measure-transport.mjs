#!/usr/bin/env node
// Client CPU per chat call: raw undici request() vs the openai SDK over undici fetch vs oracle's
// two transports, against llm-sim in its own process (so only client CPU is counted).
// Needs `dist/` of oracle and llm-sim.  Usage: node scripts/measure-transport.mjs [--n 10000] [--c 1000] [--latency 50] [--reps 3]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    c: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '50' },
    reps: { type: 'string', default: '3' },
    mode: { type: 'string' },
    url: { type: 'string' },
  },
});
const N = Number(values.n);
const C = Number(values.c);
const MODES = ['undici-request', 'sdk-fetch', 'oracle-http', 'oracle-sdk'];
const BODY = { model: 'sim-1', messages: [{ role: 'user', content: 'Say something short.' }] };

async function makeCall(mode, baseURL) {
  if (mode === 'undici-request') {
    const { Agent } = await import('undici');
    const agent = new Agent({ connections: C, pipelining: 1 });
    const url = new URL(`${baseURL}/chat/completions`);
    const headers = { 'content-type': 'application/json', authorization: 'Bearer sim' };
    const call = async () => {
      const res = await agent.request({ origin: url.origin, path: url.pathname, method: 'POST', headers, body: JSON.stringify(BODY) });
      const json = await res.body.json();
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
      return json.choices[0].message.content;
    };
    return { call, close: () => agent.close() };
  }
  if (mode === 'sdk-fetch') {
    const [{ default: OpenAI }, { Agent, fetch }] = await Promise.all([import('openai'), import('undici')]);
    const agent = new Agent({ connections: C, pipelining: 1 });
    const sdk = new OpenAI({ apiKey: 'sim', baseURL, maxRetries: 0, fetch, fetchOptions: { dispatcher: agent } });
    const call = async () => (await sdk.chat.completions.create(BODY)).choices[0].message.content;
    return { call, close: () => agent.close() };
  }
  const { createClient } = await import('../dist/index.js');
  const client = createClient({ baseURL, env: {}, concurrency: C, transport: mode === 'oracle-sdk' ? 'sdk' : 'http' });
  const call = async () => (await client.chat(BODY)).content;
  return { call, close: () => client.close() };
}

async function runPool(call, n) {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(C, n) }, worker));
}

/** Child: one mode, warmed up, then N calls timed for wall and CPU. */
async function child(mode, baseURL) {
  const { call, close } = await makeCall(mode, baseURL);
  await runPool(call, Math.min(N, 1000)); // warm-up: JIT and connections
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await runPool(call, N);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await close();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(`${JSON.stringify({ mode, wall, cpuMs, usPerCall: (cpuMs * 1000) / N, rssMB: process.memoryUsage().rss / 2 ** 20 })}\n`);
}

async function startSimProcess() {
  const bin = fileURLToPath(new URL('../../llm-sim/bin/llm-sim.js', import.meta.url));
  const sim = spawn(process.execPath, [bin, '--port', '0', '--latency-ms', values.latency], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(createInterface({ input: sim.stdout }), 'line');
  return { sim, baseURL: `http://127.0.0.1:${JSON.parse(line).port}/v1` };
}

async function runChild(mode, baseURL) {
  const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--mode', mode, '--url', baseURL, '--n', String(N), '--c', String(C)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.on('data', (chunk) => (out += chunk));
  const [code] = await once(proc, 'close');
  if (code !== 0) throw new Error(`${mode} exited ${code}`);
  return JSON.parse(out);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

if (values.mode) {
  await child(values.mode, values.url);
} else {
  const { sim, baseURL } = await startSimProcess();
  try {
    const rows = {};
    for (let rep = 0; rep < Number(values.reps); rep++) {
      for (const mode of MODES) (rows[mode] ??= []).push(await runChild(mode, baseURL));
    }
    const base = median(rows['undici-request'].map((r) => r.usPerCall));
    const baseWall = median(rows['undici-request'].map((r) => r.wall));
    console.log(`${N} calls, concurrency ${C}, sim latency ${values.latency} ms, median of ${values.reps} (client process only)`);
    console.log('| client | wall ms | client CPU µs/call | CPU vs request() | wall vs request() | RSS MB |');
    console.log('|---|---|---|---|---|---|');
    for (const mode of MODES) {
      const us = median(rows[mode].map((r) => r.usPerCall));
      const wall = median(rows[mode].map((r) => r.wall));
      const rss = median(rows[mode].map((r) => r.rssMB));
      console.log(`| ${mode} | ${wall.toFixed(0)} | ${us.toFixed(0)} | ${(us / base).toFixed(2)}× | ${(wall / baseWall).toFixed(2)}× | ${rss.toFixed(0)} |`);
    }
  } finally {
    sim.kill();
  }
}
