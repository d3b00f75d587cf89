import type { ProviderName } from '../provider-names.js';

/** Everything a transport needs to reach one provider. Built once per client. */
export interface Endpoint {
  readonly provider: ProviderName;
  /** Base URL without a trailing slash, e.g. `https://api.openai.com/v1`. */
  readonly baseURL: string;
  readonly apiKey: string | undefined;
  readonly keyVar: string | undefined;
  /** Connections kept per origin (= the client's concurrency). */
  readonly connections: number;
}

export function makeEndpoint(init: Omit<Endpoint, 'baseURL'> & { baseURL: string }): Endpoint {
  return { ...init, baseURL: init.baseURL.replace(/\/+$/, '') };
}
