// The arguments every model-calling tool takes to choose where requests go, and the client they
// open. There is deliberately no base-URL or key argument: keys come only from the server's
// environment, and a URL argument would let any caller send that key to a server of its choosing.
import { PROVIDER_NAMES } from '@fanout/oracle';
import type { OracleClient } from '@fanout/oracle';
import { z } from 'zod';
import { McpToolError } from './errors.js';

export const providerArgs = {
  provider: z
    .enum(PROVIDER_NAMES)
    .optional()
    .describe(
      'Where requests go. Default: openai when OPENAI_API_KEY (or OPENAI_BASE_URL) is set in the server\'s environment. "sim" is a built-in ' +
        'offline simulator that needs no key: use it to try the tool.',
    ),
  model: z.string().min(1).optional().describe("Model name for every call (default: the persona's model, else FANOUT_MODEL, else the provider's default)."),
};

export interface ProviderChoice {
  readonly provider?: string | undefined;
  readonly model?: string | undefined;
}

function noKey(provider: string | undefined, keyVar: string | undefined): McpToolError {
  const message =
    provider === undefined
      ? 'no model provider configured: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server) in the environment fanout-mcp ' +
        'runs in, or pass provider: "sim" to try offline'
      : `provider "${provider}" needs ${keyVar ?? 'an API key'}: set it in the environment fanout-mcp runs in, or pass provider: "sim" to try offline`;
  return new McpToolError('NO_CREDENTIALS', message);
}

/**
 * A client for this call, its connection pool sized to `connections`; for `sim`, the simulator is
 * started now, so a start failure is one error rather than one per request. Close it when done.
 */
export async function openClient(choice: ProviderChoice, connections: number): Promise<OracleClient> {
  const { createClient, resolveProvider, PROVIDERS } = await import('@fanout/oracle');
  let resolved;
  try {
    resolved = resolveProvider({ provider: choice.provider, model: choice.model });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'NO_CREDENTIALS') throw error;
    const keyVar = choice.provider === undefined ? undefined : PROVIDERS[choice.provider as keyof typeof PROVIDERS]?.keyVar;
    throw noKey(choice.provider, keyVar);
  }
  const client = createClient({ resolved, concurrency: Math.max(1, connections) });
  if (resolved.name === 'sim') {
    try {
      await client.baseURL();
    } catch (error) {
      await client.close();
      throw error;
    }
  }
  return client;
}

/** Runs `fn` with a client for this call and closes it afterwards (its sockets and any simulator). */
export async function withClient<T>(choice: ProviderChoice, connections: number, fn: (client: OracleClient) => Promise<T>): Promise<T> {
  const client = await openClient(choice, connections);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}
