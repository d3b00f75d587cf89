// What the Anthropic and Gemini batch routes share: reading a JSON body under a size limit, and the
// key the sim expects (set as `apiKey`), which those APIs take in their own headers.
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readBody } from '../http/respond.js';
import type { SimState } from '../state.js';

export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly status: number; readonly message: string };

/** Reads and parses a JSON body; a body past `limit` bytes or one that is not JSON is a problem to answer. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<JsonBody> {
  let body: Buffer;
  try {
    body = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, status: 413, message: `The request body is larger than ${limit} bytes.` };
    throw error;
  }
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON.' };
  }
}

/** The key every request must carry, when the sim was started with `apiKey`. */
export function expectedKey(sim: SimState): string | undefined {
  return sim.authorization?.slice('Bearer '.length);
}

/** A header's single value (the first, when repeated). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** An RFC 3339 time, as both APIs write them. */
export function isoNow(): string {
  return new Date().toISOString();
}
