// `hook-monitor export --otlp URL`: each run becomes a trace (the event the root span, each hook a
// child span on the run's time axis) sent with the official OpenTelemetry OTLP/HTTP exporter. The
// OpenTelemetry packages load here only, lazily: no other command pays for them.
import { hookStatus } from './hook-status.js';
import { HookMonitorError } from './errors.js';
import { scanStore } from './scan-store.js';
import type { ScanOptions } from './scan-store.js';

export interface ExportOptions extends ScanOptions {
  /** The OTLP/HTTP traces endpoint, e.g. http://localhost:4318/v1/traces. */
  readonly url: string;
  /** `service.name` of the exported resource. @default 'claude-code-hooks' */
  readonly serviceName?: string;
}

export interface ExportStats {
  readonly runs: number;
  readonly spans: number;
}

// Spans wait in the batch processor's queue while the store is read faster than they are sent;
// above this many (about a million hooks: narrow with --since) the SDK would drop them.
const MAX_QUEUED_SPANS = 1 << 20;

export async function exportOtlp(options: ExportOptions): Promise<ExportStats> {
  let url: URL;
  try {
    url = new URL(options.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new HookMonitorError('BAD_ARGUMENT', `--otlp: expected an http(s) URL like http://localhost:4318/v1/traces, got "${options.url}"`);
  }
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
  // The SDK logs and forgets a failed export; keep the first error so the command can exit 1.
  exporter.export = (spans, done) =>
    send(spans, (result) => {
      if (result.code !== 0 && failure === undefined) failure = result.error?.message ?? 'export failed';
      done(result);
    });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'claude-code-hooks' }),
    spanProcessors: [new BatchSpanProcessor({ exporter, maxQueueSize: MAX_QUEUED_SPANS, maxExportBatchSize: 2048, scheduledDelayMillis: 100 })],
  });
  const tracer = provider.getTracer('@fanout/hook-monitor');
  let runs = 0;
  let spans = 0;
  await scanStore(options, (record) => {
    runs++;
    const start = Date.parse(record.ts);
    const root = tracer.startSpan(
      record.event,
      {
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
      },
    );
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
      spans++;
    }
    root.end(start + record.wall_ms);
    spans++;
  });
  try {
    await provider.forceFlush();
    await provider.shutdown();
  } catch (error) {
    failure ??= (error as Error)?.message ?? String(error);
  }
  if (failure !== undefined) throw new HookMonitorError('WRITE_FAILED', `OTLP export to ${url.href} failed: ${failure}`);
  return { runs, spans };
}
