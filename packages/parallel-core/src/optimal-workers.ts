import { availableParallelism } from 'node:os';
import { invalid } from './validate.js';

/** The default concurrency for I/O-bound work (HTTP calls, child processes that mostly wait). */
export const DEFAULT_CONCURRENCY = 50;

/**
 * A sensible `concurrency`: 'io' → 50 (waiting work overlaps freely), 'cpu' → the cores this process
 * may use (`os.availableParallelism()`), since more CPU-bound workers than cores only adds switching.
 * @example await pmap(files, hash, { concurrency: optimalWorkers('cpu') });
 */
export function optimalWorkers(kind: 'io' | 'cpu'): number {
  if (kind === 'io') return DEFAULT_CONCURRENCY;
  if (kind === 'cpu') return Math.max(1, availableParallelism());
  throw invalid('kind', "'io' or 'cpu'", kind);
}
