import type http from 'node:http';

/** A JSON answer (or an empty body for ''). */
export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === '' ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/** The client went away before its body was complete: nothing to answer, nothing to log. */
export class ClientGoneError extends Error {
  readonly code: string;
  constructor() {
    super('the client closed the connection before its body was complete');
    this.name = 'ClientGoneError';
    this.code = 'CLIENT_GONE';
  }
}

/**
 * The whole body; undefined past `limit` bytes (the rest is read and dropped, so a 413 can still be
 * sent). Rejects with ClientGoneError when the client aborts mid-body.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', () => reject(new ClientGoneError()));
    req.on('close', () => {
      if (!req.complete) reject(new ClientGoneError());
    });
  });
}
