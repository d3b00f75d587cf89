// Real llm-sim over real HTTP on 127.0.0.1, and a real oracle client pointed at it.
import { startSim, type SimOptions, type SimServer } from '@fanout/llm-sim';
import { createClient, type OracleClient } from '@fanout/oracle';

export interface SimAndClient {
  readonly sim: SimServer;
  readonly client: OracleClient;
}

/** Starts llm-sim, makes a client sized to `concurrency`, runs `fn`, closes both. */
export async function withSim<T>(options: SimOptions, concurrency: number, fn: (s: SimAndClient) => Promise<T>): Promise<T> {
  const sim = await startSim(options);
  const client = createClient({ provider: 'sim', baseURL: sim.baseURL, model: 'sim-1', concurrency });
  try {
    return await fn({ sim, client });
  } finally {
    await client.close();
    await sim.close();
  }
}

/** Polls until `check` holds (or the deadline passes) and returns its last value. */
export async function eventually<T>(read: () => T, check: (value: T) => boolean, timeoutMs = 2000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let value = read();
  while (!check(value) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = read();
  }
  return value;
}
