import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectOk, runTool } from './run-tool.js';
import { bold, command, green, heading, line, ms } from './say.js';
import type { DemoContext } from './context.js';

interface SwarmJson {
  n: number;
  ok: number;
  failed: number;
  wall_ms: number;
  rps: number;
  latency_ms: { p50: number; p95: number; p99: number };
  votes?: Record<string, number>;
  winner?: string;
  agreement?: number;
}

export async function swarmStep(ctx: DemoContext): Promise<void> {
  heading(3, 'swarm --n 1000 --vote: a thousand samples, streamed to disk and voted');
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'fanout-demo-')), 'results.jsonl');
  const prompt = 'Which default isolation level should our Postgres OLTP service use: read committed or serializable?';
  command(`swarm --n 1000 --vote --out results.jsonl --provider sim "${prompt}"`);
  const args = ['--n', '1000', '--vote', '--out', out, ...ctx.simArgs(100), '--json', prompt];
  const run = expectOk('swarm', await runTool('swarm', args, { inheritStderr: true }));
  const summary = JSON.parse(run.stdout) as SwarmJson;
  for (const [answer, count] of Object.entries(summary.votes ?? {}).sort((a, b) => b[1] - a[1])) {
    line(`  ${answer.padEnd(20)} ${'█'.repeat(Math.round((count / summary.n) * 40))} ${count}`);
  }
  line(`  ${bold('winner')}: ${summary.winner ?? '—'} (${Math.round((summary.agreement ?? 0) * 100)}% agreement)`);
  line(
    `  ${green(`${summary.ok} ok in ${ms(summary.wall_ms)}`)} = ${Math.round(summary.rps)} calls/s at concurrency 50 ` +
      `(ideal for 1000 × 100 ms / 50: 2.00 s); p50 ${ms(summary.latency_ms.p50)}, p95 ${ms(summary.latency_ms.p95)}; results in ${out}`,
  );
}
