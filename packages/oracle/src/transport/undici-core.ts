import type { Agent, Dispatcher } from 'undici';

/** The two parts of undici the hot path uses. */
export interface UndiciCore {
  readonly Agent: typeof Agent;
  readonly request: (dispatcher: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
  /** Where they came from: undici's own `lib/` files, or its index when those have moved. */
  readonly source: 'lib' | 'index';
}

// undici's index loads everything it has (fetch, websockets, mocks, caches) and every CLI run would
// pay for it: loading only the Agent and request() starts `oracle --batch` measurably sooner. undici
// is pinned to an exact version and has no `exports` map; undici-core.test.ts fails when these files
// move, and at run time the index is the fallback. The specifiers are literals (`as string` only
// keeps TypeScript from looking for types these files lack) so that the CLIs' esbuild bundles take
// them in as a lazy chunk.
type RequestFn = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

let loading: Promise<UndiciCore> | undefined;

async function load(): Promise<UndiciCore> {
  try {
    const [agent, api] = (await Promise.all([
      import('undici/lib/dispatcher/agent.js' as string),
      import('undici/lib/api/api-request.js' as string),
    ])) as [{ default: typeof Agent }, { default: RequestFn }];
    if (typeof agent.default !== 'function' || typeof api.default !== 'function') throw new Error('unexpected undici layout');
    const request = api.default;
    return { Agent: agent.default, request: (dispatcher, options) => request.call(dispatcher, options), source: 'lib' };
  } catch {
    // `.default` is module.exports: in an esbuild bundle a dynamic import of CommonJS has no named exports.
    const undici = (await import('undici')).default;
    return { Agent: undici.Agent, request: (dispatcher, options) => dispatcher.request(options), source: 'index' };
  }
}

/** Loads undici's Agent and request() once, cheaply. */
export function loadUndiciCore(): Promise<UndiciCore> {
  loading ??= load();
  return loading;
}

// An answer may take minutes (OpenAI's flex tier asks clients to wait up to 15); callers bound it
// with timeoutMs/signal.
const LONG_MS = 900_000;

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
