// Runs as OpenTelemetry traces (the event the root span, each hook a child span on the run's time
// axis), sent with the official OTLP/HTTP exporter. Shared by `export --otlp` and its `--follow`
// mode. The OpenTelemetry packages load here only, lazily: no other command pays for them.
import { HookMonitorError } from './errors.js';
import { hookStatus } from './hook-status.js';
import type { HookRunRecord } from './types.js';

export interface OtlpSender {
  /** Queues the run's spans; returns how many. */
  send(record: HookRunRecord): number;
  /** Sends everything queued; the first export error since the last flush, or undefined. */
  flush(): Promise<string | undefined>;
  shutdown(): Promise<void>;
}

export interface SenderOptions {
  /** `service.name` of the exported resource. @default 'claude-code-hooks' */
  readonly serviceName?: string;
  /** Spans the batch processor holds before it drops; flush before this many are queued. */
  readonly maxQueuedSpans: number;
}

/** The URL, checked: a one-line usage error for anything but http(s). */
export function otlpUrl(text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw new HookMonitorError('USAGE', `--otlp: expected an http(s) URL like http://localhost:4318/v1/traces, got "${text}"`);
}

export async function createOtlpSender(url: URL, options: SenderOptions): Promise<OtlpSender> {
  const [{ context, trace, SpanStatusCode }, { OTLPTraceExporter }, { TracerProvider, BatchSpanProcessor }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/resources'),
    ]);
  let failure: string | undefined;
  const exporter = new OTLPTraceExporter({ url: url.href });
  const send = exporter.export.bind(exporter);
  // The SDK logs and forgets a failed export; keep the first error so the caller can act on it.
  exporter.export = (spans, done) =>
    send(spans, (result) => {
      if (result.code !== 0 && failure === undefined) failure = result.error?.message ?? 'export failed';
      done(result);
    });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'claude-code-hooks' }),
    spanProcessors: [new BatchSpanProcessor({ exporter, maxQueueSize: options.maxQueuedSpans, maxExportBatchSize: 2048, scheduledDelayMillis: 100 })],
  });
  const tracer = provider.getTracer('@fanout/hook-monitor');
  return {
    send(record) {
      const start = Date.parse(record.ts);
      const root = tracer.startSpan(record.event, {
        root: true,
        startTime: start,
        attributes: {
          'hook.event': record.event,
          'hook.run_id': record.run_id,
          'hook.source': record.source,
          ...(record.target === undefined ? {} : { 'hook.target': record.target }),
          ...(record.session_id === undefined ? {} : { 'session.id': record.session_id }),
          'hook.count': record.hooks.length,
        },
      });
      const parent = trace.setSpan(context.active(), root);
      for (const hook of record.hooks) {
        const status = hookStatus(hook);
        const span = tracer.startSpan(
          hook.id,
          {
            startTime: start + hook.start_ms,
            attributes: {
              'hook.id': hook.id,
              'hook.status': status,
              'hook.timed_out': hook.timed_out,
              'hook.stdout_bytes': hook.stdout_bytes,
              'hook.stderr_bytes': hook.stderr_bytes,
              ...(hook.exit_code === null ? {} : { 'hook.exit_code': hook.exit_code }),
              ...(hook.decision === undefined ? {} : { 'hook.decision': hook.decision }),
              ...(hook.after === undefined ? {} : { 'hook.after': hook.after }),
              ...(hook.background === true ? { 'hook.background': true } : {}),
              ...(hook.skipped === undefined ? {} : { 'hook.skipped': hook.skipped }),
            },
          },
          parent,
        );
        if (status === 'failed' || status === 'timeout') {
          span.setStatus({ code: SpanStatusCode.ERROR, message: hook.error ?? (hook.timed_out ? 'timed out' : `exit ${hook.exit_code}`) });
        }
        span.end(start + hook.end_ms);
      }
      root.end(start + record.wall_ms);
      return record.hooks.length + 1;
    },
    async flush() {
      try {
        await provider.forceFlush();
      } catch (error) {
        failure ??= (error as Error)?.message ?? String(error);
      }
      const seen = failure;
      failure = undefined;
      return seen;
    },
    async shutdown() {
      await provider.shutdown().catch(() => undefined);
    },
  };
}
