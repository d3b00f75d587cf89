import { TaskTimeoutError } from './errors.js';
import type { Mapper } from './types.js';

/**
 * One attempt under a time limit counted from now: the task gets its own signal (aborted by the run's
 * signal or by the timeout, with a TaskTimeoutError) and the attempt rejects at the deadline even if
 * the task ignores its signal (that task is then left to finish on its own; its result is dropped).
 */
export function attemptWithTimeout<T, R>(
  fn: Mapper<T, R>,
  item: T,
  index: number,
  attempt: number,
  runSignal: AbortSignal,
  timeoutMs: number,
  label: string | undefined,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const controller = new AbortController();
    const onAbort = () => controller.abort(runSignal.reason);
    const finish = () => {
      clearTimeout(timer);
      runSignal.removeEventListener('abort', onAbort);
    };
    const timer = setTimeout(() => {
      finish();
      const error = new TaskTimeoutError(timeoutMs, index, label);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    runSignal.addEventListener('abort', onAbort, { once: true });
    let result: R | PromiseLike<R>;
    try {
      result = fn(item, { signal: controller.signal, index, attempt });
    } catch (error) {
      finish();
      reject(error);
      return;
    }
    Promise.resolve(result).then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}
