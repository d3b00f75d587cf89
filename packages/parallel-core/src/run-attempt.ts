import { setMaxListeners } from 'node:events';
import { addDeadline, cancelDeadline, type Deadline } from './deadlines.js';
import { TaskTimeoutError } from './errors.js';
import type { Linked, RunScope } from './run-scope.js';
import type { Mapper } from './types.js';

/**
 * One attempt under a time limit: its own signal, aborted with a TaskTimeoutError at the deadline or
 * with the run's reason when the run aborts. Nothing is added to the shared signal and no timer is
 * made per attempt (the deadline joins a queue with one timer per duration), so the cost stays flat
 * at any concurrency. The signal itself is made only when the task asks for it: an AbortSignal costs
 * more than everything else here together, garbage included.
 */
class TimedAttempt<R> implements Linked {
  #controller: AbortController | undefined;
  #abortedWith: { reason: unknown } | undefined;
  readonly #scope: RunScope;
  readonly #resolve: (value: R) => void;
  readonly #reject: (error: unknown) => void;
  readonly #timeoutMs: number;
  readonly #index: number;
  readonly #label: string | undefined;
  #deadline: Deadline | undefined;
  #ended = false;

  constructor(scope: RunScope, resolve: (value: R) => void, reject: (error: unknown) => void, timeoutMs: number, index: number, label: string | undefined) {
    this.#scope = scope;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#timeoutMs = timeoutMs;
    this.#index = index;
    this.#label = label;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      // Like the run's signal: a task may hand it to any number of calls at once.
      setMaxListeners(0, this.#controller.signal);
      if (this.#abortedWith !== undefined) this.#controller.abort(this.#abortedWith.reason);
    }
    return this.#controller.signal;
  }

  #abortSignal(reason: unknown): void {
    this.#abortedWith = { reason };
    this.#controller?.abort(reason);
  }

  start(): void {
    this.#scope.link(this);
    this.#deadline = addDeadline(this.#timeoutMs, this.#onTimeout);
  }

  #end(): boolean {
    if (this.#ended) return false;
    this.#ended = true;
    this.#scope.unlink(this);
    cancelDeadline(this.#deadline!);
    return true;
  }

  readonly #onTimeout = (): void => {
    if (!this.#end()) return;
    const error = new TaskTimeoutError(this.#timeoutMs, this.#index, this.#label);
    this.#abortSignal(error);
    this.#reject(error);
  };

  /** The run aborted: the task is told, and the attempt ends now (a task that ignores its signal is left to finish on its own). */
  abort(reason: unknown): void {
    if (!this.#end()) return;
    this.#abortSignal(reason);
    this.#reject(reason);
  }

  readonly settle = (value: R): void => {
    if (this.#end()) this.#resolve(value);
  };

  readonly fail = (error: unknown): void => {
    if (this.#end()) this.#reject(error);
  };
}

/** What the task sees: its attempt's signal, index and attempt number. */
class AttemptContext {
  /**
   * `signal` is an own enumerable getter (one shared descriptor, so every context keeps one shape):
   * a spread copy of the context still carries the signal, and reading it is what makes it.
   */
  static readonly #signal: PropertyDescriptor = {
    enumerable: true,
    get(this: AttemptContext) {
      return this.#timed.signal;
    },
  };

  declare readonly signal: AbortSignal;
  readonly index: number;
  readonly attempt: number;
  readonly #timed: TimedAttempt<unknown>;

  constructor(timed: TimedAttempt<unknown>, index: number, attempt: number) {
    this.#timed = timed;
    this.index = index;
    this.attempt = attempt;
    Object.defineProperty(this, 'signal', AttemptContext.#signal);
  }
}

/**
 * Runs one attempt of `fn` with a time limit counted from now. The attempt rejects at the deadline
 * even if the task ignores its signal (that task's late result is dropped), and at once when the run
 * aborts. An attempt started after the run aborted rejects with the run's reason without running.
 */
export function attemptWithTimeout<T, R>(
  fn: Mapper<T, R>,
  item: T,
  index: number,
  attempt: number,
  scope: RunScope,
  timeoutMs: number,
  label: string | undefined,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    if (scope.aborted) {
      reject(scope.signal.reason);
      return;
    }
    const timed = new TimedAttempt<R>(scope, resolve, reject, timeoutMs, index, label);
    timed.start();
    const context = new AttemptContext(timed as TimedAttempt<unknown>, index, attempt);
    let result: R | PromiseLike<R>;
    try {
      result = fn(item, context);
    } catch (error) {
      timed.fail(error);
      return;
    }
    Promise.resolve(result).then(timed.settle, timed.fail);
  });
}
