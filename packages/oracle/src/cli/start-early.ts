import type { OracleClient } from '../types.js';
import { UsageError } from '@fanout/cli-kit/errors';
import { describeError } from './cli-errors.js';

/**
 * Starts the client now (loads the HTTP client; for `--provider sim`, starts llm-sim) so that it
 * overlaps reading personas and stdin. Await the result before the first call: for `sim`, a start
 * failure (a bad `--sim-rules` file) rejects as a UsageError (exit 2) instead of failing every call;
 * for real providers it never rejects (the first call reports what went wrong, with more to say).
 */
export function startEarly(client: Pick<OracleClient, 'provider' | 'baseURL'>): Promise<void> {
  const started = client.baseURL().then(
    () => undefined,
    (error: unknown) => {
      if (client.provider.name === 'sim') throw new UsageError(`--provider sim: ${describeError(error)}`);
    },
  );
  // Handled here so nothing is reported as unhandled before the caller awaits it.
  started.catch(() => undefined);
  return started;
}
