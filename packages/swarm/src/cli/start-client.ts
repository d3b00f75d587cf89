import { createClient, findPersonas, type OracleClient, type Persona, type ResolvedProvider } from '@fanout/oracle';
import { UsageError } from '../errors.js';
import { describeError } from './exit-codes.js';

export interface SimFlags {
  readonly concurrency?: number | undefined;
  readonly simLatencyMs?: number | undefined;
  readonly simRules?: string | undefined;
  readonly simErrorRate?: number | undefined;
  readonly simRpm?: number | undefined;
}

/** Personas by the name they were asked for. */
export async function resolvePersonas(names: readonly string[]): Promise<Map<string, Persona>> {
  if (names.length === 0) return new Map();
  const found = await findPersonas([...names]);
  return new Map(names.map((name, i) => [name, found[i]!]));
}

/** oracle's client sized to the concurrency; for `--provider sim` llm-sim starts now, with the sim flags. */
export async function startClient(flags: SimFlags, provider: ResolvedProvider): Promise<OracleClient> {
  const client = createClient({
    resolved: provider,
    concurrency: flags.concurrency ?? 50,
    sim: {
      ...(flags.simLatencyMs !== undefined ? { latencyMs: flags.simLatencyMs } : {}),
      ...(flags.simRules !== undefined ? { rules: flags.simRules } : {}),
      ...(flags.simErrorRate !== undefined ? { errorRate: flags.simErrorRate } : {}),
      ...(flags.simRpm !== undefined ? { rpm: flags.simRpm } : {}),
    },
  });
  if (provider.name === 'sim') {
    // Start llm-sim now so a bad --sim-rules file is a usage error, not N failed items.
    try {
      await client.baseURL();
    } catch (error) {
      await client.close();
      throw new UsageError(`--provider sim: ${describeError(error)}`);
    }
  }
  return client;
}
