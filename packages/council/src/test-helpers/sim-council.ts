// Runs councils against a real llm-sim over HTTP through oracle's client, recording every request
// sent (persona, headers, messages) by wrapping the client's `chat`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, findPersonas, type ChatRequest, type OracleClient } from '@fanout/oracle';
import type { SimServer } from '@fanout/llm-sim';
import { runCouncil } from '../run-council.js';
import { oracleAsk } from '../oracle-ask.js';
import type { CouncilOptions, CouncilResult } from '../types.js';

export interface SimCouncil {
  readonly client: OracleClient;
  readonly requests: ChatRequest[];
  run(options: Omit<CouncilOptions, 'ask'>): Promise<CouncilResult>;
}

// Only the built-in personas: no project or user persona files can shadow them.
const isolated = mkdtempSync(path.join(tmpdir(), 'council-test-'));

export function simCouncil(sim: SimServer): SimCouncil {
  const client = createClient({ provider: 'sim', baseURL: sim.baseURL, concurrency: 16 });
  const requests: ChatRequest[] = [];
  const recording: OracleClient = {
    ...client,
    provider: client.provider,
    model: client.model,
    chat(request, options) {
      requests.push(request);
      return client.chat(request, options);
    },
  };
  return {
    client,
    requests,
    async run(options) {
      const personas = await findPersonas([...options.personas, options.arbiter ?? 'arbiter'], { cwd: isolated, home: isolated, env: {} });
      return runCouncil({ ...options, ask: oracleAsk({ client: recording, personas }) });
    },
  };
}

/** Waits (briefly) until the sim has seen `n` aborted requests; returns the count it reached. */
export async function waitForAborted(sim: SimServer, n: number, withinMs = 3_000): Promise<number> {
  const until = Date.now() + withinMs;
  while (sim.stats().aborted < n && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  return sim.stats().aborted;
}
