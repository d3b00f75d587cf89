import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/respond.js';
import { newId } from '../ids.js';
import type { SimState } from '../state.js';
import { isObject } from './chat-answer.js';
import { GeminiBatch, type InlinedRequest } from './gemini-batch.js';
import { googleError } from './gemini-translate.js';
import { expectedKey, header, readJsonBody } from './provider-http.js';

// Inlined requests must keep the whole batch request under 20 MB.
const BODY_LIMIT = 20 * 1024 * 1024;
const PREFIX = '/v1beta/';

function fail(res: ServerResponse, code: number, message: string): void {
  sendJson(res, code, JSON.stringify(googleError(code, message)));
}

function queryOf(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '';
  return new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
}

/** The API key check of the Gemini API: `x-goog-api-key` or `?key=`, when the sim has a key. */
function admitted(req: IncomingMessage, res: ServerResponse, sim: SimState): boolean {
  const key = expectedKey(sim);
  if (key === undefined) return true;
  const given = header(req, 'x-goog-api-key') ?? queryOf(req).get('key') ?? undefined;
  if (given === key) return true;
  if (given === undefined) fail(res, 403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or " +
    "other form of API consumer identity to call this API.");
  else fail(res, 400, 'API key not valid. Please pass a valid API key.');
  return false;
}

/** `batch.inputConfig.requests.requests` (snake_case accepted too), or why the batch is refused. */
function inlinedRequests(batch: Record<string, unknown>, max: number): InlinedRequest[] | string {
  const input = batch.inputConfig ?? batch.input_config;
  if (!isObject(input)) return '* BatchGenerateContentRequest.batch.input_config: input_config is required';
  if (input.fileName !== undefined || input.file_name !== undefined)
    return 'llm-sim serves batches of inlined requests only (input_config.requests), not input files';
  const requests = isObject(input.requests) ? input.requests.requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) return '* BatchGenerateContentRequest.batch.input_config.requests: requests must not be empty';
  if (requests.length > max) return `* BatchGenerateContentRequest.batch.input_config.requests: at most ${max} requests, got ${requests.length}`;
  for (let i = 0; i < requests.length; i++) {
    if (!isObject(requests[i]) || !isObject((requests[i] as Record<string, unknown>).request))
      return `* BatchGenerateContentRequest.batch.input_config.requests.requests[${i}].request: request is required`;
  }
  return requests as InlinedRequest[];
}

/**
 * The Gemini API's batch mode for inlined requests: POST /v1beta/models/{model}:batchGenerateContent,
 * GET /v1beta/batches, GET and DELETE /v1beta/batches/{id}, POST /v1beta/batches/{id}:cancel.
 */
export function geminiBatchRoutes(sim: SimState) {
  const batches = new Map<string, GeminiBatch>();

  async function create(req: IncomingMessage, res: ServerResponse, model: string): Promise<void> {
    const body = await readJsonBody(req, BODY_LIMIT);
    if (!body.ok) return fail(res, 400, body.status === 413 ? `Request payload size exceeds the limit: ${BODY_LIMIT} bytes.` : body.message);
    if (!sim.modelSet.has(model)) return fail(res, 404, `models/${model} is not found for API version v1beta, or is not supported for batchGenerateContent.`);
    const batch = isObject(body.value) ? body.value.batch : undefined;
    if (!isObject(batch)) return fail(res, 400, '* BatchGenerateContentRequest.batch: batch is required');
    const displayName = batch.displayName ?? batch.display_name;
    if (typeof displayName !== 'string' || displayName === '')
      return fail(res, 400, '* BatchGenerateContentRequest.batch.display_name: display_name is required');
    const requests = inlinedRequests(batch, sim.batchMaxRequests);
    if (typeof requests === 'string') return fail(res, 400, requests);
    const created = new GeminiBatch(sim, `batches/${newId('b')}`, `models/${model}`, displayName, requests);
    batches.set(created.name, created);
    sendJson(res, 200, JSON.stringify(created.operation()));
  }

  function list(res: ServerResponse, query: URLSearchParams): void {
    const size = Math.min(1000, Math.max(1, Number(query.get('pageSize') ?? 50) || 50));
    const start = Number(query.get('pageToken') ?? 0) || 0;
    const all = [...batches.values()].reverse();
    const operations = all.slice(start, start + size).map((b) => b.operation());
    sendJson(res, 200, JSON.stringify({ operations, ...(start + size < all.length ? { nextPageToken: String(start + size) } : {}) }));
  }

  function one(req: IncomingMessage, res: ServerResponse, name: string, action: string | undefined): boolean {
    const method = req.method;
    if (!(action === undefined ? method === 'GET' || method === 'DELETE' : action === 'cancel' && method === 'POST')) return false;
    req.resume();
    const batch = batches.get(name);
    if (!batch) fail(res, 404, `Batch ${name} not found.`);
    else if (action === 'cancel') {
      if (batch.cancel()) sendJson(res, 200, '{}');
      else fail(res, 400, `Batch ${name} has already ended and cannot be cancelled.`);
    } else if (method === 'DELETE') {
      batch.dispose();
      batches.delete(name);
      sendJson(res, 200, '{}');
    } else sendJson(res, 200, JSON.stringify(batch.operation()));
    return true;
  }

  function dispatch(req: IncomingMessage, res: ServerResponse, segments: readonly string[]): boolean {
    const [collection, target, extra] = segments;
    if (extra !== undefined) return false;
    if (collection === 'models' && target !== undefined && req.method === 'POST') {
      const [model, method] = target.split(':');
      if (method !== 'batchGenerateContent') return false;
      create(req, res, model!).catch((error: unknown) => {
        if (!res.headersSent) fail(res, 500, `llm-sim internal error: ${(error as Error).message}`);
      });
      return true;
    }
    if (collection !== 'batches') return false;
    if (target === undefined) {
      if (req.method !== 'GET') return false;
      req.resume();
      list(res, queryOf(req));
      return true;
    }
    const [id, action] = target.split(':');
    return one(req, res, `batches/${id}`, action);
  }

  return {
    /** Serves `path` when it is one of the Gemini batch routes (under /v1beta/); false otherwise. */
    route(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      if (!path.startsWith(PREFIX)) return false;
      const segments = path.slice(PREFIX.length).split('/').map(decodeURIComponent);
      if (segments[0] !== 'models' && segments[0] !== 'batches') return false;
      if (!admitted(req, res, sim)) {
        req.resume();
        return true;
      }
      return dispatch(req, res, segments);
    },
    close(): void {
      for (const batch of batches.values()) batch.dispose();
      batches.clear();
    },
  };
}
