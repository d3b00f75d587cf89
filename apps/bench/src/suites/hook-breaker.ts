// hook-executor's circuit breaker (issue 23): a hook that hangs until its timeout on every event.
//   1. 50 prompts, 21 UserPromptSubmit hooks through `hook-executor run`: 20 × `sleep 0.05` and one
//      that hangs past its 1 s timeout. Per-prompt latency without the breaker, with it, and the 20
//      healthy hooks alone (what the breaker can reach at best), the three interleaved prompt by
//      prompt. Targets: with ≤ 0.5× without (medians); with ≤ 1.1× the healthy hooks alone.
//   2. 20 sessions at once, 3 prompts each, one hook crashing at once among 21: every failure
//      counted once and every session told once (checked), per-prompt latency with the breaker's
//      shared state against the breaker off (target ≤ 1.2×), and the state file's update latency
//      with 20 processes updating together.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, ratioRow } from '../measure.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '../../../../packages/hook-executor/bin/hook-executor.js');
const BREAKER_LIB = path.resolve(here, '../../../../packages/hook-monitor/dist/breaker.js');
const HANG_TIMEOUT_S = 1;

const percentile = (values: readonly number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
const round = (ms: number) => Math.round(ms);

interface Run {
  readonly ms: number;
  readonly stdout: string;
}

/** One `hook-executor run` as Claude Code starts it; resolves with its wall time and stdout. */
function runEvent(env: NodeJS.ProcessEnv, input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [BIN, 'run', '--event', 'UserPromptSubmit'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ ms: performance.now() - start, stdout });
      else reject(new Error(`run exited ${code}: ${stderr.slice(0, 300)}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

interface Mode {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly monitor: string;
  event(session: string): Promise<Run>;
}

function mode(root: string, name: string, breaker: unknown, hooks: Record<string, unknown>[]): Mode {
  const dir = path.join(root, name);
  const monitor = path.join(dir, 'monitor');
  fs.mkdirSync(path.join(dir, '.claude'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.claude', 'hook-executor.json'), JSON.stringify({ breaker, hooks: { UserPromptSubmit: [{ hooks }] } }));
  const env = { ...process.env, HOME: dir, CLAUDE_PROJECT_DIR: dir, HOOK_MONITOR_DIR: monitor };
  return {
    dir,
    env,
    monitor,
    event: (session) =>
      runEvent(env, JSON.stringify({ session_id: session, cwd: dir, hook_event_name: 'UserPromptSubmit', prompt: 'Refactor the pagination module.' })),
  };
}

const healthy = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `h${i + 1}`, type: 'command', command: `sleep 0.05; : ${i + 1}` }));

interface StoredHook {
  readonly id: string;
  readonly skipped?: string;
}

function storedRuns(monitor: string): { session_id?: string; hooks: StoredHook[] }[] {
  return fs.readFileSync(path.join(monitor, 'runs.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

// The state file's own update in the worst moment: 20 processes (20 sessions' executors) changing
// it at the same instant, round after round (each round starts when every process has answered).
const UPDATER = `
import { updateBreakerState } from ${JSON.stringify(BREAKER_LIB)};
import readline from 'node:readline';
const [dir, name] = process.argv.slice(2);
process.stdout.write('ready\\n');
for await (const _ of readline.createInterface({ input: process.stdin })) {
  const u = await updateBreakerState(dir, (state) => {
    const e = (state.hooks.shared ??= { id: 'shared', event: 'E', failures: 0, timeouts: 0, counted: 0, updatedAt: 0 });
    e.counted++;
    return true;
  });
  process.stdout.write(JSON.stringify({ ms: u.ms, written: u.written }) + '\\n');
}
`;

async function updateLatency(root: string, writers: number, rounds: number): Promise<{ ms: number[]; lost: number; counted: number }> {
  const dir = path.join(root, 'updates');
  const script = path.join(root, 'updater.mjs');
  fs.writeFileSync(script, UPDATER);
  const children = Array.from({ length: writers }, (_, w) =>
    spawn(process.execPath, [script, dir, `w${w}`], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const lines = children.map((child) => {
    const queue: string[] = [];
    let waiting: ((line: string) => void) | undefined;
    let buffered = '';
    child.stdout.on('data', (c: Buffer) => {
      buffered += c.toString();
      let at: number;
      while ((at = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        if (waiting) {
          const w = waiting;
          waiting = undefined;
          w(line);
        } else queue.push(line);
      }
    });
    return () => new Promise<string>((resolve) => (queue.length ? resolve(queue.shift()!) : (waiting = resolve)));
  });
  await Promise.all(lines.map((next) => next())); // ready
  const ms: number[] = [];
  let lost = 0;
  for (let round = 0; round < rounds; round++) {
    for (const child of children) child.stdin.write('go\n');
    for (const answer of await Promise.all(lines.map((next) => next()))) {
      const u = JSON.parse(answer) as { ms: number; written: boolean };
      ms.push(u.ms);
      if (!u.written) lost++;
    }
  }
  const closed = children.map((child) => new Promise((resolve) => child.on('close', resolve)));
  for (const child of children) child.stdin.end();
  await Promise.all(closed);
  const state = JSON.parse(fs.readFileSync(path.join(dir, 'breaker.json'), 'utf8')) as { hooks: { shared: { counted: number } } };
  return { ms, lost, counted: state.hooks.shared.counted };
}

async function hangingHook(context: BenchContext, root: string): Promise<BenchRow[]> {
  const prompts = context.quick ? 15 : 50;
  const hang = { id: 'hang', type: 'command', command: 'sleep 30', timeout: HANG_TIMEOUT_S };
  const without = mode(root, 'without', false, [...healthy(10), hang, ...healthy(20).slice(10)]);
  const withBreaker = mode(root, 'with', { after: 3, coolOff: 600 }, [...healthy(10), hang, ...healthy(20).slice(10)]);
  const alone = mode(root, 'healthy', { after: 3, coolOff: 600 }, healthy(20));
  await Promise.all([alone.event('warm-up'), runEvent({ ...alone.env }, '{}')]); // page cache, node
  const t = { without: [] as number[], with: [] as number[], alone: [] as number[] };
  const told: number[] = [];
  for (let k = 0; k < prompts; k++) {
    t.without.push((await without.event('bench')).ms);
    const run = await withBreaker.event('bench');
    t.with.push(run.ms);
    if (run.stdout.includes('hook-executor: hang timed out')) told.push(k + 1);
    t.alone.push((await alone.event('bench')).ms);
    if (k % 10 === 9 || k === prompts - 1) {
      const last = (values: number[]) => round(values.at(-1)!);
      context.log(`hook-breaker prompt ${k + 1}/${prompts}: without ${last(t.without)} / with ${last(t.with)} / healthy alone ${last(t.alone)} ms`);
    }
  }
  const m = { without: median(t.without), with: median(t.with), alone: median(t.alone) };
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const skipped = storedRuns(withBreaker.monitor).filter((r) => r.hooks.find((h) => h.id === 'hang')?.skipped?.startsWith('breaker open')).length;
  const work = `${prompts} prompts, 21 hooks (20 × sleep 50 ms, one hanging past its ${HANG_TIMEOUT_S} s timeout), per prompt`;
  return [
    {
      work,
      baseline: { name: 'no breaker (it waits for the timeout every time)', ms: m.without },
      peer: { name: 'the 20 healthy hooks alone', ms: m.alone },
      fanout: m.with,
      ratio: ratioRow(m.with, m.without),
      ratioAgainst: 'no breaker',
      target: '≤ 0.5×',
      pass: m.with <= 0.5 * m.without && told.length === 1,
      note:
        `medians; over all ${prompts}: ${round(sum(t.with) / 1000)} s with, ${round(sum(t.without) / 1000)} s without; ` +
        `skipped from prompt 4 on (${skipped} of ${prompts}); told once, at prompt ${told.join(', ') || 'never'}`,
    },
    {
      work: `${work}, vs the healthy hooks alone`,
      baseline: { name: 'the 20 healthy hooks alone', ms: m.alone },
      fanout: m.with,
      ratio: ratioRow(m.with, m.alone),
      ratioAgainst: 'healthy hooks alone',
      target: '≤ 1.1×',
      pass: m.with <= 1.1 * m.alone,
      note: `what an open breaker leaves: the executor's own overhead (${round(m.with - m.alone)} ms over the healthy hooks alone)`,
    },
  ];
}

async function concurrentSessions(context: BenchContext, root: string): Promise<BenchRow[]> {
  const sessions = context.quick ? 10 : 20;
  const events = 3;
  const crash = { id: 'crashy', type: 'command', command: 'kill -KILL $$' };
  const hooks = [...healthy(10), crash, ...healthy(20).slice(10)].map((h) => (h.id === 'crashy' ? h : { ...h, command: `: ${h.id}` }));
  const on = mode(root, 'sessions-on', { after: 2, coolOff: 600 }, hooks);
  const off = mode(root, 'sessions-off', false, hooks);
  const batch = (m: Mode) =>
    Promise.all(
      Array.from({ length: sessions }, async (_, s) => {
        const mine: Run[] = [];
        for (let e = 0; e < events; e++) mine.push(await m.event(`session-${s}`));
        return mine;
      }),
    );
  const offRuns = (await batch(off)).flat();
  const onRuns = await batch(on);
  const stored = storedRuns(on.monitor).flatMap((r) => r.hooks.filter((h) => h.id === 'crashy'));
  const ran = stored.filter((h) => h.skipped === undefined).length;
  const state = JSON.parse(fs.readFileSync(path.join(on.monitor, 'breaker.json'), 'utf8')) as { hooks: Record<string, { counted: number }> };
  const counted = Object.values(state.hooks)[0]?.counted ?? 0;
  const toldOnce = onRuns.filter((mine) => mine.reduce((n, r) => n + (r.stdout.match(/hook-executor: crashy crashed/g)?.length ?? 0), 0) === 1).length;
  const onMs = median(onRuns.flat().map((r) => r.ms));
  const offMs = median(offRuns.map((r) => r.ms));
  const updates = await updateLatency(root, sessions, context.quick ? 5 : 25);
  const consistent = counted === ran && toldOnce === sessions && updates.lost === 0 && updates.counted === updates.ms.length;
  context.log(
    `hook-breaker sessions: ${counted}/${ran} failures counted, ${toldOnce}/${sessions} told once; ` +
      `per prompt ${round(onMs)} ms (breaker off ${round(offMs)} ms)`,
  );
  return [
    {
      work: `${sessions} sessions at once × ${events} prompts, one crashing hook among 21: the breaker's shared state`,
      baseline: { name: 'breaker off', ms: offMs },
      fanout: onMs,
      ratio: ratioRow(onMs, offMs),
      ratioAgainst: 'breaker off',
      target: '≤ 1.2×, consistent',
      pass: consistent && onMs <= 1.2 * offMs,
      note:
        `per prompt, medians; ${counted} of ${ran} failures counted, ${toldOnce} of ${sessions} sessions told once; ` +
        `state file updated by ${sessions} processes at the same instant: p50 ${percentile(updates.ms, 0.5).toFixed(1)} ms, ` +
        `p95 ${percentile(updates.ms, 0.95).toFixed(1)} ms, max ${round(Math.max(...updates.ms))} ms, ${updates.counted} of ${updates.ms.length} updates kept`,
    },
  ];
}

export const suite: BenchSuite = {
  name: 'hook-breaker',
  quick: true,
  async run(context: BenchContext): Promise<BenchRow[]> {
    if (!fs.existsSync(path.join(path.dirname(BIN), '../dist/run/main.js')) || !fs.existsSync(BREAKER_LIB)) {
      throw new Error('build hook-executor and hook-monitor first (dist/ missing)');
    }
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hook-breaker-'));
    try {
      return [...(await hangingHook(context, root)), ...(await concurrentSessions(context, root))];
    } finally {
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  },
};
