// A time limit on silence rather than on the whole attempt: a streamed answer may take minutes while
// it keeps arriving, but a server that sends nothing for this long is not going to.

/** Nothing arrived for `timeoutMs`. Same code as parallel-core's per-attempt timeout, so it retries alike. */
export class IdleTimeoutError extends Error {
  readonly code = 'TASK_TIMEOUT';
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`nothing arrived for ${timeoutMs / 1000} s`);
    this.name = 'IdleTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

export interface IdleWatch {
  /** Aborted with an IdleTimeoutError after `timeoutMs` without `touch`, or with the parent's reason. */
  readonly signal: AbortSignal;
  /** Something arrived: the silence starts over. */
  touch(): void;
  stop(): void;
}

export function idleWatch(parent: AbortSignal, timeoutMs: number): IdleWatch {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new IdleTimeoutError(timeoutMs)), timeoutMs);
  return {
    signal: controller.signal,
    touch: () => void timer.refresh(),
    stop() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}
