import { createClient, findPersonas, type OracleClient, type Persona, type ResolvedProvider } from '@fanout/oracle';
import { simOptions, startEarly, type ProviderFlags } from '@fanout/oracle/llm-cli';

/** Personas by the name they were asked for. */
export async function resolvePersonas(names: readonly string[]): Promise<Map<string, Persona>> {
  if (names.length === 0) return new Map();
  const found = await findPersonas([...names]);
  return new Map(names.map((name, i) => [name, found[i]!]));
}

/** oracle's client sized to the concurrency; for `--provider sim` llm-sim starts now, with the sim flags. */
export async function startClient(flags: ProviderFlags, provider: ResolvedProvider): Promise<OracleClient> {
  const client = createClient({ resolved: provider, concurrency: flags.concurrency ?? 50, sim: simOptions(flags) });
  // For --provider sim: a bad --sim-rules file is a usage error, not N failed items.
  try {
    await startEarly(client);
  } catch (error) {
    await client.close();
    throw error;
  }
  return client;
}
