// Streaming to OpenTelemetry from the executor: with HOOK_MONITOR_OTLP_URL set, each `run` (the real
// binary, as Claude Code starts it) reaches a real OTLP/HTTP receiver on 127.0.0.1 as a trace — the
// event the root span, each hook a child — sent by the background follower the recorder starts; the
// run itself only appends its record.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { runBin, sleep, tempDir } from '../test-helpers/fixtures.js';

interface Span {
  name: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

const spans: Span[] = [];
let receiver: http.Server;
let url: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      for (const resource of (JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: Span[] }[] }[] }).resourceSpans) {
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/traces`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const sessionOf = (span: Span) => span.attributes.find((a) => a.key === 'session.id')?.value.stringValue;

describe('run with HOOK_MONITOR_OTLP_URL (real receiver)', () => {
  test('each run arrives as a trace with a child span per hook; the hooks’ output is untouched', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, '.claude'));
    const hooks = [
      { id: 'ctx', type: 'command', command: 'echo context-line' },
      { id: 'lint', type: 'command', command: 'exit 0' },
    ];
    fs.writeFileSync(path.join(dir, '.claude', 'hook-executor.json'), JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks }] } }));
    const monitor = path.join(dir, 'monitor');
    const env = {
      ...process.env,
      HOME: dir,
      CLAUDE_PROJECT_DIR: dir,
      HOOK_MONITOR_DIR: monitor,
      HOOK_EXECUTOR_STATE_DIR: path.join(dir, 'state'),
      HOOK_MONITOR_OTLP_URL: url,
    };
    const prompt = (session: string) => JSON.stringify({ session_id: session, cwd: dir, hook_event_name: 'UserPromptSubmit', prompt: 'hi' });
    const lock = path.join(monitor, 'otlp-follow.lock');
    try {
      for (const session of ['otlp-1', 'otlp-2']) {
        const result = await runBin(['run', '--event', 'UserPromptSubmit'], { input: prompt(session), env });
        expect(result).toMatchObject({ code: 0, stdout: 'context-line\n', stderr: '' });
      }
      const deadline = Date.now() + 20_000;
      while (['otlp-1', 'otlp-2'].some((s) => !spans.some((span) => !span.parentSpanId && sessionOf(span) === s)) && Date.now() < deadline) await sleep(50);
      for (const session of ['otlp-1', 'otlp-2']) {
        const roots = spans.filter((span) => !span.parentSpanId && sessionOf(span) === session);
        expect(roots.map((root) => root.name)).toEqual(['UserPromptSubmit']);
        expect(spans.filter((span) => span.parentSpanId === roots[0]!.spanId).map((span) => span.name).sort()).toEqual(['ctx', 'lint']);
      }
    } finally {
      const pid = fs.existsSync(lock) ? Number(fs.readFileSync(lock, 'utf8').split(' ')[0]) : 0;
      if (pid > 0) process.kill(pid, 'SIGTERM');
    }
  }, 60_000);
});
