// Run by process.test.ts against the built package: every way a run can fail, stop or be cancelled,
// with real 'unhandledRejection' and 'warning' listeners. Prints the counts (1 unhandled = the control).
const { pmap, pstream, runGraph, RateLimiter } = await import(process.argv[2]);

let unhandled = 0;
process.on('unhandledRejection', () => unhandled++);
const warnings = [];
process.on('warning', (warning) => warnings.push(`${warning.name}: ${warning.message}`));
const delay = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
const items = Array.from({ length: 30 }, (_, i) => i);
const failing = async (x, { signal }) => {
  await delay(x % 5, signal);
  if (x % 3 === 0) throw new Error(`fail ${x}`);
  return x;
};
// Ignores its signal and rejects late, after the run has moved on.
const lateRejecting = async (x) => {
  await delay(20 + (x % 4));
  throw new Error(`late ${x}`);
};

// The control: this one must be counted.
void Promise.reject(new Error('control'));

await pmap(items, failing, { concurrency: 4 });
await pmap(items, failing, { concurrency: 4, failFast: true }).catch(() => {});
await pmap(items, lateRejecting, { concurrency: 4, timeoutMs: 5 });
await pmap(items, lateRejecting, { concurrency: 4, failFast: true, timeoutMs: 5, retry: { retries: 2, minDelayMs: 1 } }).catch(() => {});
const controller = new AbortController();
setTimeout(() => controller.abort(), 10);
await pmap(items, lateRejecting, { concurrency: 8, signal: controller.signal, retry: 2 }).catch(() => {});
for await (const r of pstream(items, lateRejecting, { concurrency: 4 })) if (r.index >= 0) break;
for await (const _ of pstream(items, failing, { concurrency: 4, timeoutMs: 2 })) void _;
async function* brokenSource() {
  yield 1;
  throw new Error('source broke');
}
await pmap(brokenSource(), lateRejecting, { concurrency: 2 }).catch(() => {});
const nodes = items.map((i) => ({ id: `n${i}`, after: i > 3 ? [`n${i - 4}`] : [], run: i === 2 ? async () => 'stop' : lateRejecting }));
await runGraph(nodes, { concurrency: 4, cancelWhen: (v) => v === 'stop' });
await runGraph(nodes, { concurrency: 4, failFast: true, timeoutMs: 5 });
const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1 });
const stop = new AbortController();
setTimeout(() => stop.abort(), 10);
await pmap(items, failing, { rateLimit: limiter, signal: stop.signal }).catch(() => {});

// Many tasks listening on the shared signal at once (as fetch does) must not look like a leak: the
// run's signal has no listener cap in pmap, pstream and runGraph, with and without time limits, and
// so do retry waits and rate-limit waiters, which listen on it too.
const listening = Array.from({ length: 200 }, (_, i) => i);
const wide = { concurrency: 200 };
await pmap(listening, (_x, { signal }) => delay(5, signal), wide);
await pmap(listening, (_x, { signal }) => delay(5, signal), { ...wide, timeoutMs: 1_000 });
for await (const _ of pstream(listening, (_x, { signal }) => delay(5, signal), wide)) void _;
for await (const _ of pstream(listening, (_x, { signal }) => delay(5, signal), { ...wide, timeoutMs: 1_000 })) void _;
await runGraph(listening.map((i) => ({ id: `l${i}`, run: (signal) => delay(5, signal) })), wide);
await runGraph(listening.map((i) => ({ id: `t${i}`, run: (signal) => delay(5, signal) })), { ...wide, timeoutMs: 1_000 });
const flaky = async (_x, { signal, attempt }) => {
  await delay(2, signal);
  if (attempt === 1) throw Object.assign(new Error('busy'), { status: 503 });
};
await pmap(listening, flaky, { ...wide, retry: { retries: 1, minDelayMs: 20, jitter: 'none' } });
await pmap(listening, (_x, { signal }) => delay(1, signal), { ...wide, rateLimit: { requestsPerMinute: 600_000, burst: 1 } });
// A task may hand its own signal to many calls at once (a fan-out inside a task).
await pmap([1, 2], async (_x, { signal }) => {
  await Promise.all(Array.from({ length: 20 }, () => delay(5, signal)));
}, { timeoutMs: 1_000 });

await delay(100);
console.log(JSON.stringify({ unhandled, warnings }));
