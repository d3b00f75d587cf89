import { readFileSync } from 'node:fs';
import type { SimPrice } from '../types.js';
import { UsageError } from '@fanout/cli-kit/errors';

/**
 * `--prices FILE`: `{"sim-1": {"input": 0.15, "cached_input": 0.075, "output": 0.6}}`, or a fanout
 * prices.json whose `providers.sim.models` says the same (one file can price both sides).
 */
export function readPrices(file: string): Record<string, SimPrice> {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--prices ${file}: ${why}`);
  }
  const models = (document as { providers?: { sim?: { models?: unknown } } } | null)?.providers?.sim?.models ?? document;
  if (typeof models !== 'object' || models === null || Array.isArray(models)) {
    throw new UsageError(`--prices ${file}: expected {"<model>": {"input", "cached_input"?, "output"}} in dollars per million tokens`);
  }
  return models as Record<string, SimPrice>;
}
