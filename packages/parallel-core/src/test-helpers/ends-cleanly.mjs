// Run by process.test.ts against the built package: runs that end early (failFast, the caller's
// signal, a consumer's break, cancelWhen, an aborted rate-limit wait) while their tasks ignore their
// signals under a one-minute time limit. Nothing may keep the process alive after that: the test
// times how long this process takes to exit on its own.
const { pmap, pstream, runGraph, RateLimiter } = await import(process.argv[2]);

const LONG = 60_000;
const hang = () => new Promise(() => {}); // ignores its signal and never settles (holds no handle)
const after = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const items = Array.from({ length: 20 }, (_, i) => i);

await pmap(items, async (x) => {
  if (x === 0) {
    await after(5);
    throw new Error('boom');
  }
  return hang();
}, { concurrency: 20, failFast: true, timeoutMs: LONG }).catch(() => {});

const controller = new AbortController();
setTimeout(() => controller.abort(), 5);
await pmap(items, hang, { concurrency: 20, timeoutMs: LONG, retry: 2, signal: controller.signal }).catch(() => {});

for await (const r of pstream(items, async (x) => (x === 0 ? x : hang()), { concurrency: 20, timeoutMs: LONG })) if (r.ok) break;

await runGraph(items.map((i) => ({ id: `n${i}`, run: i === 0 ? async () => 'stop' : hang, timeoutMs: LONG + i })), {
  concurrency: 20,
  cancelWhen: (value) => value === 'stop',
});

// A rate-limit wait of a minute, abandoned: the limiter's timer must go with it.
const limiter = new RateLimiter({ requestsPerMinute: 1, burst: 1 });
const stop = new AbortController();
setTimeout(() => stop.abort(), 5);
await pmap(items, async (x) => x, { rateLimit: limiter, signal: stop.signal }).catch(() => {});

console.log(JSON.stringify({ done: true }));
