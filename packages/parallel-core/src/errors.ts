export type ParallelCoreErrorCode =
  | 'ABORTED'
  | 'TASK_TIMEOUT'
  | 'GRAPH_CYCLE'
  | 'GRAPH_UNKNOWN_DEPENDENCY'
  | 'GRAPH_DUPLICATE_ID';

/**
 * Base class of every error parallel-core creates; `code` is stable, `message` is for people.
 * Arguments in the order of the other fanout packages' errors: `(code, message, { cause })`.
 */
export class ParallelCoreError extends Error {
  readonly code: ParallelCoreErrorCode;

  constructor(code: ParallelCoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParallelCoreError';
    this.code = code;
  }
}

/**
 * The reason a run's shared signal carries when the run is stopped: the caller's signal aborted
 * (`cause` is its reason), failFast saw an error (`cause` is that error), cancelWhen matched, or a
 * stream consumer stopped early.
 */
export class AbortError extends ParallelCoreError {
  constructor(message = 'The operation was aborted', options?: { cause?: unknown }) {
    super('ABORTED', message, options);
    this.name = 'AbortError';
  }
}

/** One attempt of a task ran longer than `timeoutMs`; the attempt's signal is aborted with this error. */
export class TaskTimeoutError extends ParallelCoreError {
  readonly timeoutMs: number;
  /** The task's position in the input (or -1 when unknown). */
  readonly index: number;

  constructor(timeoutMs: number, index = -1, label?: string) {
    super('TASK_TIMEOUT', `${label ?? (index >= 0 ? `Task ${index}` : 'Task')} timed out after ${timeoutMs} ms`);
    this.name = 'TaskTimeoutError';
    this.timeoutMs = timeoutMs;
    this.index = index;
  }
}

/** A graph was rejected before anything ran: a duplicate id, an unknown dependency or a cycle. */
export class GraphError extends ParallelCoreError {
  /** The node the problem was found on. */
  readonly nodeId: string;
  /** For GRAPH_UNKNOWN_DEPENDENCY: the id that names no node. */
  readonly dependencyId: string | undefined;
  /** For GRAPH_CYCLE: the ids along the cycle, first id repeated at the end. */
  readonly cycle: readonly string[] | undefined;

  constructor(
    code: 'GRAPH_CYCLE' | 'GRAPH_UNKNOWN_DEPENDENCY' | 'GRAPH_DUPLICATE_ID',
    message: string,
    details: { nodeId: string; dependencyId?: string; cycle?: readonly string[] },
  ) {
    super(code, message);
    this.name = 'GraphError';
    this.nodeId = details.nodeId;
    this.dependencyId = details.dependencyId;
    this.cycle = details.cycle;
  }
}

/** The AbortError a run uses when the caller's signal aborts (its reason kept as `cause`). */
export function callerAbortError(signal: AbortSignal): AbortError {
  const reason: unknown = signal.reason;
  if (reason instanceof AbortError) return reason;
  return new AbortError('The operation was aborted by the caller’s signal', { cause: reason });
}
