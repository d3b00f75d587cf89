import { createClient, resolvedProvider, resolveProvider, type ResolvedProvider } from '@fanout/oracle';
import { UsageError } from '../errors.js';
import { EndpointRouter } from './endpoint-router.js';
import type { EndpointSpec } from './endpoint-spec.js';
import { RoutedEndpoint } from './routed-endpoint.js';

export interface StartEndpointsOptions {
  /** `--model`: the model where an endpoint names none. */
  readonly model?: string | undefined;
  /** `--concurrency`: each endpoint's ceiling is this × its weight. @default 50 */
  readonly concurrency?: number | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface StartedEndpoints {
  readonly router: EndpointRouter;
  /** Each endpoint's connection (no key when enumerated), in the order given. */
  readonly providers: readonly ResolvedProvider[];
  /** The keys in play, to redact. */
  readonly keys: readonly string[];
}

/**
 * One OpenAI-compatible client per endpoint, with its own key (read from its `key-env` variable,
 * never from the flag) and a connection pool sized to its ceiling, behind one router.
 */
export function startEndpoints(specs: readonly EndpointSpec[], options: StartEndpointsOptions = {}): StartedEndpoints {
  const env = options.env ?? process.env;
  const keys: string[] = [];
  const providers = specs.map((spec) => {
    let apiKey: string | undefined;
    if (spec.keyEnv !== undefined) {
      apiKey = env[spec.keyEnv] || undefined;
      if (apiKey === undefined) throw new UsageError(`--endpoint ${spec.name}: key-env=${spec.keyEnv} but ${spec.keyEnv} is not set`);
      keys.push(apiKey);
    }
    const base = resolveProvider({ provider: 'openai', baseURL: spec.url, model: spec.model ?? options.model, env: { FANOUT_MODEL: env['FANOUT_MODEL'] } });
    return resolvedProvider({ ...base, apiKey, keyVar: spec.keyEnv });
  });
  const endpoints = specs.map((spec, i) => {
    const max = Math.max(1, Math.round((options.concurrency ?? 50) * spec.weight));
    return new RoutedEndpoint(spec, createClient({ resolved: providers[i]!, concurrency: max }), max);
  });
  return { router: new EndpointRouter(endpoints), providers, keys };
}
