/**
 * Reads one header from whatever an HTTP error carries: a WHATWG `Headers` (fetch, openai), anything
 * with `get(name)`, or a plain record such as undici's `IncomingHttpHeaders` (`string | string[]`).
 */
export function headerValue(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, name);
    return value === null || value === undefined ? undefined : String(value);
  }
  const record = headers as Record<string, unknown>;
  let value = record[name];
  if (value === undefined) {
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() === name) {
        value = record[key];
        break;
      }
    }
  }
  if (Array.isArray(value)) value = value[0];
  return value === undefined || value === null ? undefined : String(value);
}

/** The headers an error carries: `error.headers`, else `error.response.headers` (got, axios). */
export function errorHeaders(error: unknown): unknown {
  if (error === null || typeof error !== 'object') return undefined;
  const e = error as { headers?: unknown; response?: { headers?: unknown } };
  return e.headers ?? (e.response !== null && typeof e.response === 'object' ? e.response.headers : undefined);
}
