import type { SimOptions, SimServer } from '@fanout/llm-sim';
import { ModelNotFoundError, OracleError } from './errors.js';
import { resolvedProvider, resolveProvider, type ResolvedProvider, type ResolveProviderOptions } from './providers.js';
import { withAvailableModels } from './transport/api-error.js';
import { makeEndpoint, type Endpoint } from './transport/endpoint.js';
import type { Transport } from './transport/transport.js';
import type { CallOptions, ChatRequest, ChatResult, ChatStream, OracleClient, TransportName } from './types.js';

export interface ClientOptions extends ResolveProviderOptions {
  /** A provider already resolved with `resolveProvider` (then provider/baseURL/model/env are ignored). */
  readonly resolved?: ResolvedProvider;
  /** Connections kept to the provider: size it to the concurrency you run at. @default 50 */
  readonly concurrency?: number;
  /** `http` (undici `request()`, the fast path) or `sdk` (the openai SDK over undici's fetch). @default 'http' */
  readonly transport?: TransportName;
  /** Options of the llm-sim started in-process for provider `sim` without a base URL. */
  readonly sim?: SimOptions;
}

const MODELS_LOOKUP_MS = 5_000;

function checkConcurrency(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new OracleError('USAGE', `Expected \`concurrency\` to be an integer from 1 and up, got \`${value}\` (${typeof value})`);
  }
  return value;
}

async function loadTransport(name: TransportName): Promise<(endpoint: Endpoint) => Promise<Transport>> {
  // Loaded on first use: undici and openai are each costly to import and stay off the package's import path.
  if (name === 'sdk') return (await import('./transport/sdk-transport.js')).createSdkTransport;
  return (await import('./transport/undici-transport.js')).createUndiciTransport;
}

/**
 * One client per process: a resolved provider and one connection pool sized to `concurrency`.
 * Nothing is loaded or connected until the first call.
 */
export function createClient(options: ClientOptions = {}): OracleClient {
  let provider = options.resolved ?? resolveProvider(options);
  const connections = checkConcurrency(options.concurrency ?? 50);
  const transportName: TransportName = options.transport ?? 'http';
  if (transportName !== 'http' && transportName !== 'sdk') {
    throw new OracleError('USAGE', `Expected \`transport\` to be "http" or "sdk", got "${String(transportName)}"`);
  }
  let transport: Transport | undefined;
  let starting: Promise<Transport> | undefined;
  let sim: SimServer | undefined;
  let modelsList: Promise<string[]> | undefined;
  let closed = false;

  async function startInProcessSim(): Promise<string> {
    // Only `--provider sim` pays for loading llm-sim.
    const { startSim } = await import('@fanout/llm-sim');
    sim = await startSim(options.sim);
    provider = resolvedProvider({ ...provider, apiKey: provider.apiKey, baseURL: sim.baseURL });
    return sim.baseURL;
  }

  async function start(): Promise<Transport> {
    const [baseURL, create] = await Promise.all([provider.baseURL ?? startInProcessSim(), loadTransport(transportName)]);
    const endpoint = makeEndpoint({ provider: provider.name, baseURL, apiKey: provider.apiKey, keyVar: provider.keyVar, connections });
    const created = await create(endpoint);
    if (closed) {
      await created.close();
      await sim?.close();
      throw new OracleError('USAGE', 'the client is closed');
    }
    transport = created;
    return created;
  }

  function ready(): Transport | Promise<Transport> {
    if (transport) return transport;
    if (closed) throw new OracleError('USAGE', 'the client is closed');
    starting ??= start();
    return starting;
  }

  async function explain(error: unknown): Promise<unknown> {
    if (!(error instanceof ModelNotFoundError) || error.available) return error;
    try {
      modelsList ??= (async () => (await ready()).models(AbortSignal.timeout(MODELS_LOOKUP_MS)))();
      return withAvailableModels(error, await modelsList);
    } catch {
      modelsList = undefined;
      return error;
    }
  }

  return {
    get provider() {
      return provider;
    },
    get model() {
      return provider.model;
    },
    transport: transportName,

    async chat(request: ChatRequest, call?: CallOptions): Promise<ChatResult> {
      const t = transport ?? (await ready());
      try {
        return await t.chat(request, provider.model, call?.signal);
      } catch (error) {
        throw await explain(error);
      }
    },

    async stream(request: ChatRequest, call?: CallOptions): Promise<ChatStream> {
      const t = transport ?? (await ready());
      try {
        return await t.stream(request, provider.model, call?.signal);
      } catch (error) {
        throw await explain(error);
      }
    },

    async models(call?: CallOptions): Promise<string[]> {
      return (await ready()).models(call?.signal);
    },

    async baseURL(): Promise<string> {
      await ready();
      return provider.baseURL as string;
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const t = transport ?? (await starting?.catch(() => undefined));
      await t?.close();
      await sim?.close();
    },
  };
}
