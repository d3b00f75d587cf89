import type { IncomingMessage, ServerResponse } from 'node:http';

export type Headers = Record<string, string>;

/** Sends a JSON text with its length (keep-alive friendly). */
export function sendJson(res: ServerResponse, status: number, json: string, headers?: Headers): void {
  const all: Headers = headers ? { ...headers } : {};
  all['content-type'] = 'application/json';
  all['content-length'] = String(Buffer.byteLength(json));
  res.writeHead(status, all);
  res.end(json);
}

/** OpenAI's error body: {"error":{"message","type","param","code"}}. */
export function errorObject(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

export function errorJson(message: string, type: string, code: string | null = null, param: string | null = null): string {
  return JSON.stringify(errorObject(message, type, code, param));
}

const TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  403: 'invalid_request_error',
  404: 'invalid_request_error',
  409: 'invalid_request_error',
  413: 'invalid_request_error',
  429: 'requests',
};

/** The `type` OpenAI uses for a status. */
export function errorType(status: number): string {
  return TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  options: { code?: string | null; param?: string | null; type?: string; headers?: Headers | undefined } = {},
): void {
  sendJson(res, status, errorJson(message, options.type ?? errorType(status), options.code ?? null, options.param ?? null), options.headers);
}

export function modelNotFound(model: string): string {
  return `The model \`${model}\` does not exist or you do not have access to it.`;
}

export const SERVER_ERROR = 'The server had an error while processing your request. Sorry about that!';

export function sendNotFound(req: IncomingMessage, res: ServerResponse): void {
  sendError(res, 404, `Invalid URL (${req.method} ${req.url})`);
}

export class BodyTooLargeError extends Error {}

/** Reads the whole body; past `limit` bytes it drains the rest and rejects, so a 413 can still be sent. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) reject(new BodyTooLargeError(`Request body larger than ${limit} bytes.`));
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}

/** Reads and parses a JSON body; answers 400/413 itself and returns undefined on failure. */
export async function readJson(req: IncomingMessage, res: ServerResponse, limit: number): Promise<{ value: unknown } | undefined> {
  let body: Buffer;
  try {
    body = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError && !res.headersSent) sendError(res, 413, error.message);
    return undefined;
  }
  try {
    return { value: JSON.parse(body.toString('utf8')) };
  } catch {
    sendError(res, 400, 'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. ' +
      'The OpenAI API expects a JSON payload.)');
    return undefined;
  }
}
