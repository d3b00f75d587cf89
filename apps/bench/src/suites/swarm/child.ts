// Run as a process of its own by the swarm rows (never imported): `node child.js KIND URL N C [OUT]`
// prints one JSON line. KIND `undici` and `sdk` are the Node peers, timed alone in their process;
// `rss` is swarm's own run loop (the library the CLI drives) sampling its memory.
import { MODEL, PROMPT } from './clients.js';

async function childUndici(url: string, n: number, c: number): Promise<number> {
  const { Agent } = await import('undici');
  const agent = new Agent({ connections: c, pipelining: 1 });
  const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };
  let next = 0;
  const start = performance.now();
  async function worker() {
    while (next < n) {
      const i = next++;
      const res = await agent.request({
        origin: url,
        path: '/v1/chat/completions',
        method: 'POST',
        headers,
        body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: PROMPT }], seed: i }),
      });
      const json = (await res.body.json()) as { choices: { message: { content: string } }[] };
      if (res.statusCode !== 200 || typeof json.choices[0]?.message.content !== 'string') throw new Error(`status ${res.statusCode}`);
    }
  }
  await Promise.all(Array.from({ length: c }, worker));
  const ms = performance.now() - start;
  await agent.close();
  return ms;
}

async function childSdk(url: string, n: number, c: number): Promise<number> {
  const [{ default: OpenAI }, { Agent, fetch }, { default: pLimit }] = await Promise.all([import('openai'), import('undici'), import('p-limit')]);
  const agent = new Agent({ connections: c });
  const client = new OpenAI({
    baseURL: `${url}/v1`,
    apiKey: 'sk-bench',
    maxRetries: 0,
    fetch: fetch as unknown as typeof globalThis.fetch,
    fetchOptions: { dispatcher: agent } as Record<string, unknown>,
  });
  const limit = pLimit(c);
  const start = performance.now();
  const call = (i: number) => limit(() => client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: PROMPT }], seed: i }));
  await Promise.all(Array.from({ length: n }, (_, i) => call(i)));
  const ms = performance.now() - start;
  await agent.close();
  return ms;
}

// RSS and live heap every 10,000 results, each right after a full GC (the child runs with
// --expose-gc): without it a sample says more about when V8 last collected than about what the run
// holds.
async function childRss(url: string, n: number, c: number, out: string): Promise<string> {
  const [{ runSwarm, promptSource }, { createClient }] = await Promise.all([import('@fanout/swarm'), import('@fanout/oracle')]);
  const client = createClient({ provider: 'sim', baseURL: `${url}/v1`, model: MODEL, concurrency: c });
  const rss: Record<string, number> = {};
  const heap: Record<string, number> = {};
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the rss child needs --expose-gc');
  let done = 0;
  const report = await runSwarm({
    client,
    source: promptSource(PROMPT, n, []),
    concurrency: c,
    out,
    onResult: () => {
      if (++done % 10_000 !== 0) return;
      gc();
      const { rss: bytes, heapUsed } = process.memoryUsage();
      rss[String(done)] = Math.round(bytes / 2 ** 20);
      heap[String(done)] = Math.round(heapUsed / 2 ** 19) / 2;
    },
  });
  await client.close();
  return JSON.stringify({ ms: report.wall_ms, ok: report.ok, rss, heap, maxRssKb: process.resourceUsage().maxRSS });
}

const [kind, url, n, c, out] = process.argv.slice(2) as [string, string, string, string, string];
if (kind === 'rss') process.stdout.write(`${await childRss(url, Number(n), Number(c), out)}\n`);
else if (kind === 'undici' || kind === 'sdk') {
  const ms = kind === 'undici' ? await childUndici(url, Number(n), Number(c)) : await childSdk(url, Number(n), Number(c));
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
} else {
  process.stderr.write(`swarm bench child: unknown kind "${kind}" (undici, sdk or rss)\n`);
  process.exitCode = 2;
}
