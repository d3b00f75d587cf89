import type { Agent, Dispatcher } from 'undici';

/** The two parts of undici the hot path uses. */
export interface UndiciCore {
  readonly Agent: typeof Agent;
  readonly request: (dispatcher: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
}

// undici's index loads everything it has (fetch, websockets, mocks, caches): ~140 ms here, against
// ~30 ms for the Agent and request() alone, and every CLI run pays it. undici is pinned (7.30.2)
// and has no `exports` map; should its layout move, the index is the fallback. The specifiers are
// literals (`as string` only keeps TypeScript from looking for types these files lack) so that the
// CLIs' esbuild bundles take them in as a lazy chunk.

let loading: Promise<UndiciCore> | undefined;

async function load(): Promise<UndiciCore> {
  try {
    const [agent, api] = (await Promise.all([import('undici/lib/dispatcher/agent.js' as string), import('undici/lib/api/api-request.js' as string)])) as [{ default: typeof Agent }, { default: (this: Dispatcher, o: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData> }];
    if (typeof agent.default !== 'function' || typeof api.default !== 'function') throw new Error('unexpected undici layout');
    const request = api.default;
    return { Agent: agent.default, request: (dispatcher, options) => request.call(dispatcher, options) };
  } catch {
    const undici = await import('undici');
    return { Agent: undici.Agent, request: (dispatcher, options) => dispatcher.request(options) };
  }
}

/** Loads undici's Agent and request() once, cheaply. */
export function loadUndiciCore(): Promise<UndiciCore> {
  loading ??= load();
  return loading;
}

const LONG_MS = 600_000; // an answer may take minutes; callers bound it with timeoutMs/signal

/** One Agent sized to the concurrency: keep-alive, no pipelining (LLM answers are slow and uneven). */
export function createAgent(AgentClass: typeof Agent, connections: number): Agent {
  return new AgentClass({
    connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: LONG_MS,
    bodyTimeout: LONG_MS,
  });
}
