// `hook-monitor export --otlp URL`: each run in the store becomes a trace (see otlp-sender.ts).
import { HookMonitorError } from './errors.js';
import { createOtlpSender, otlpUrl } from './otlp-sender.js';
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
  const url = otlpUrl(options.url);
  const sender = await createOtlpSender(url, { maxQueuedSpans: MAX_QUEUED_SPANS, ...(options.serviceName ? { serviceName: options.serviceName } : {}) });
  let runs = 0;
  let spans = 0;
  await scanStore(options, (record) => {
    runs++;
    spans += sender.send(record);
  });
  const failure = await sender.flush();
  await sender.shutdown();
  // Origin and path only: a URL may carry credentials.
  if (failure !== undefined) throw new HookMonitorError('WRITE_FAILED', `OTLP export to ${url.origin}${url.pathname} failed: ${failure}`);
  return { runs, spans };
}
