// MCP progress notifications for one tool call. The client asks for them by sending a
// `progressToken` in the request's `_meta`; without one nothing is sent. Values only go up (the
// spec requires it).

/** What a tool reports: work done so far, out of `total` when known, and a short message. */
export type ReportProgress = (progress: number, total?: number, message?: string) => void;

export interface ProgressNotification {
  readonly method: 'notifications/progress';
  readonly params: {
    readonly progressToken: string | number;
    readonly progress: number;
    readonly total?: number;
    readonly message?: string;
  };
}

export interface ProgressOptions {
  /** From the request's `_meta.progressToken`. */
  readonly token: string | number | undefined;
  readonly send: (notification: ProgressNotification) => Promise<void>;
}

export function progressReporter({ token, send }: ProgressOptions): ReportProgress {
  if (token === undefined) return () => {};
  let last = -Infinity;
  return (progress, total, message) => {
    if (!(progress > last)) return;
    last = progress;
    const params = { progressToken: token, progress, ...(total === undefined ? {} : { total }), ...(message === undefined ? {} : { message }) };
    // A client that went away must not turn a progress message into a failed call.
    send({ method: 'notifications/progress', params }).catch(() => undefined);
  };
}

/**
 * At most one report per `intervalMs`, plus the one that reaches `total`: a swarm of 10,000 items
 * must not send 10,000 messages down the client's pipe.
 */
export function throttled(report: ReportProgress, intervalMs: number): ReportProgress {
  let lastAt = -Infinity;
  return (progress, total, message) => {
    const now = performance.now();
    if (now - lastAt < intervalMs && !(total !== undefined && progress >= total)) return;
    lastAt = now;
    report(progress, total, message);
  };
}
