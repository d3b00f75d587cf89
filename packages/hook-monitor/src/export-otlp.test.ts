// A real OTLP/HTTP receiver on 127.0.0.1 decodes what the official exporter sends (OTLP JSON) and
// checks the traces: one per run, the event the root span, each hook a child with its attributes.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KNOWN_RUNS, writeKnownStore } from './test-helpers/known-store.js';
import { attr, startOtlpReceiver } from './test-helpers/otlp-receiver.js';
import type { OtlpReceiver } from './test-helpers/otlp-receiver.js';
import { BIN, tempDir } from './test-helpers/paths.js';
import { runProcess } from './test-helpers/run-process.js';

let receiver: OtlpReceiver;
let received: OtlpReceiver['received'];
let url: string;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  received = receiver.received;
  url = receiver.url;
});
afterAll(() => receiver.close());

const nanos = (iso: string, ms: number) => BigInt(Date.parse(iso)) * 1_000_000n + BigInt(Math.round(ms * 1e6));

describe('hook-monitor export --otlp (real receiver)', () => {
  test('each run a trace: the event the root span, each hook a child span on the run’s time axis', async () => {
    const dir = tempDir();
    writeKnownStore(dir);
    const result = await runProcess(process.execPath, [BIN, 'export', '--otlp', url, '--dir', dir, '--json']);
    expect(result.stderr.toString()).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.toString())).toEqual({ runs: 5, spans: 5 + 13 });
    expect(received.every((r) => r.path === '/v1/traces' && r.contentType.startsWith('application/json'))).toBe(true);
    const spans = received.flatMap((r) => r.spans);
    expect(spans).toHaveLength(18);

    const roots = spans.filter((span) => !span.parentSpanId);
    expect(roots.map((span) => attr(span, 'hook.run_id')).sort()).toEqual(KNOWN_RUNS.map((run) => run.run_id).sort());
    expect(new Set(roots.map((span) => span.traceId)).size).toBe(5);
    for (const run of KNOWN_RUNS) {
      const root = roots.find((span) => attr(span, 'hook.run_id') === run.run_id)!;
      expect(root.name).toBe(run.event);
      expect(BigInt(root.startTimeUnixNano)).toBe(nanos(run.ts, 0));
      expect(BigInt(root.endTimeUnixNano)).toBe(nanos(run.ts, run.wall_ms));
      const children = spans.filter((span) => span.parentSpanId === root.spanId);
      expect(children.every((span) => span.traceId === root.traceId)).toBe(true);
      expect(children.map((span) => span.name).sort()).toEqual(run.hooks.map((hook) => hook.id).sort());
      for (const hook of run.hooks) {
        const child = children.find((span) => span.name === hook.id)!;
        expect(BigInt(child.startTimeUnixNano)).toBe(nanos(run.ts, hook.start_ms));
        expect(BigInt(child.endTimeUnixNano)).toBe(nanos(run.ts, hook.end_ms));
        expect(attr(child, 'hook.exit_code')).toBe(hook.exit_code ?? undefined);
        expect(attr(child, 'hook.timed_out')).toBe(hook.timed_out);
        expect(attr(child, 'hook.decision')).toBe(hook.decision);
        expect(attr(child, 'hook.stdout_bytes')).toBe(hook.stdout_bytes);
      }
    }
    // run-3: `a` timed out (an error span), `c` exited 2 (a block, not an error).
    const run3 = roots.find((span) => attr(span, 'hook.run_id') === 'run-3')!;
    const run3Hooks = spans.filter((span) => span.parentSpanId === run3.spanId);
    expect(run3Hooks.find((span) => span.name === 'a')!.status).toMatchObject({ code: 2 });
    expect(attr(run3Hooks.find((span) => span.name === 'c')!, 'hook.status')).toBe('block');
    expect(attr(run3Hooks.find((span) => span.name === 'b')!, 'hook.skipped')).toBe('dependency failed');
  });

  test('--since limits what is sent; an unreachable receiver is one line and exit 1', async () => {
    const dir = tempDir();
    writeKnownStore(dir);
    const before = received.length;
    const some = await runProcess(process.execPath, [BIN, 'export', '--otlp', url, '--dir', dir, '--since', '2026-01-04', '--json']);
    expect(JSON.parse(some.stdout.toString())).toEqual({ runs: 2, spans: 2 + 4 });
    expect(received.slice(before).flatMap((r) => r.spans)).toHaveLength(6);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dead = await runProcess(process.execPath, [BIN, 'export', '--otlp', `http://127.0.0.1:${port}/v1/traces`, '--dir', dir]);
    expect(dead.code).toBe(1);
    expect(dead.stderr.toString()).toBe(`hook-monitor: OTLP export to http://127.0.0.1:${port}/v1/traces failed: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  }, 30_000);
});
