import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/respond.js';
import { newId } from '../ids.js';
import type { SimState } from '../state.js';
import { AnthropicBatch, type BatchRequest } from './anthropic-batch.js';
import { anthropicError } from './anthropic-translate.js';
import { isObject } from './chat-answer.js';
import { expectedKey, header, readJsonBody } from './provider-http.js';

// The Message Batches API takes up to 256 MB per batch.
const BODY_LIMIT = 256 * 1024 * 1024;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const PREFIX = '/messages/batches';

function fail(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, JSON.stringify(anthropicError(status, message)));
}

/** The Messages API's own checks before any route: x-api-key (when the sim has a key) and anthropic-version. */
function admitted(req: IncomingMessage, res: ServerResponse, sim: SimState): boolean {
  const key = expectedKey(sim);
  const given = header(req, 'x-api-key');
  if (key !== undefined && given !== key) {
    fail(res, 401, given === undefined ? 'x-api-key header is required' : 'invalid x-api-key');
    return false;
  }
  if (header(req, 'anthropic-version') === undefined) {
    fail(res, 400, 'anthropic-version: header is required');
    return false;
  }
  return true;
}

/** The batch's requests, or the reason the whole batch is refused (400 before anything runs). */
function checkRequests(body: unknown, max: number): BatchRequest[] | string {
  const requests = isObject(body) ? body.requests : undefined;
  if (!Array.isArray(requests)) return 'requests: Field required';
  if (requests.length === 0) return 'requests: List should have at least 1 item';
  if (requests.length > max) return `requests: List should have at most ${max} items, not ${requests.length}`;
  const seen = new Set<string>();
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i] as unknown;
    if (!isObject(r)) return `requests.${i}: Input should be an object`;
    if (typeof r.custom_id !== 'string' || !CUSTOM_ID.test(r.custom_id)) return `requests.${i}.custom_id: String should match pattern '${CUSTOM_ID.source}'`;
    if (seen.has(r.custom_id)) return `requests.${i}.custom_id: '${r.custom_id}' is used by an earlier request; custom_id must be unique within a batch`;
    seen.add(r.custom_id);
    if (!isObject(r.params)) return `requests.${i}.params: Field required`;
  }
  // Params are checked as each request runs (an `errored` result), as the API does.
  return requests as BatchRequest[];
}

/**
 * Anthropic's Message Batches API (POST/GET /v1/messages/batches, GET …/{id}, POST …/{id}/cancel,
 * GET …/{id}/results, DELETE …/{id}), held in memory for the life of one server.
 */
export function anthropicBatchRoutes(sim: SimState) {
  const batches = new Map<string, AnthropicBatch>();

  async function create(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req, BODY_LIMIT);
    if (!body.ok) return fail(res, body.status, body.message);
    const requests = checkRequests(body.value, sim.batchMaxRequests);
    if (typeof requests === 'string') return fail(res, 400, requests);
    const id = newId('msgbatch_');
    const batch = new AnthropicBatch(sim, id, requests, `http://${req.headers.host ?? '127.0.0.1'}/v1${PREFIX}/${id}/results`);
    batches.set(id, batch);
    sendJson(res, 200, JSON.stringify(batch.data));
  }

  function list(res: ServerResponse, query: URLSearchParams): void {
    const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 20) || 20));
    let all = [...batches.values()].map((b) => b.data).reverse();
    const after = query.get('after_id');
    const before = query.get('before_id');
    if (after) all = all.slice(all.findIndex((b) => b.id === after) + 1);
    if (before) all = all.slice(0, Math.max(0, all.findIndex((b) => b.id === before)));
    const data = all.slice(0, limit);
    sendJson(res, 200, JSON.stringify({ data, has_more: all.length > limit, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }));
  }

  function one(req: IncomingMessage, res: ServerResponse, id: string, action: string | undefined): boolean {
    const method = req.method;
    const known =
      action === undefined ? method === 'GET' || method === 'DELETE' : (action === 'cancel' && method === 'POST') || (action === 'results' && method === 'GET');
    if (!known) return false;
    req.resume();
    const batch = batches.get(id);
    if (!batch) {
      fail(res, 404, `Message Batch ${id} not found`);
    } else if (action === 'cancel') {
      if (batch.cancel()) sendJson(res, 200, JSON.stringify(batch.data));
      else fail(res, 400, `Message Batch ${id} has already ended and cannot be canceled`);
    } else if (action === 'results') {
      const text = batch.results();
      if (text === undefined) fail(res, 400, `Message Batch ${id} has not ended; its results are not available yet`);
      else {
        res.writeHead(200, { 'content-type': 'application/x-jsonl', 'content-length': String(Buffer.byteLength(text)) });
        res.end(text);
      }
    } else if (method === 'DELETE') {
      if (batch.data.processing_status !== 'ended') fail(res, 400, `Message Batch ${id} is still processing; cancel it first`);
      else {
        batch.dispose();
        batches.delete(id);
        sendJson(res, 200, JSON.stringify({ id, type: 'message_batch_deleted' }));
      }
    } else {
      sendJson(res, 200, JSON.stringify(batch.data));
    }
    return true;
  }

  return {
    /** Serves `path` (after the `/v1` prefix) when it is a Message Batches route; false otherwise. */
    route(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      if (path !== PREFIX && !path.startsWith(`${PREFIX}/`)) return false;
      const [id, action, extra] = path.slice(PREFIX.length + 1).split('/');
      if (extra !== undefined) return false;
      if (!admitted(req, res, sim)) {
        req.resume();
        return true;
      }
      if (path === PREFIX) {
        if (req.method === 'POST') {
          create(req, res).catch((error: unknown) => {
            if (!res.headersSent) fail(res, 500, `llm-sim internal error: ${(error as Error).message}`);
          });
          return true;
        }
        if (req.method !== 'GET') return false;
        req.resume();
        const url = req.url ?? '';
        list(res, new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''));
        return true;
      }
      return one(req, res, decodeURIComponent(id!), action);
    },
    close(): void {
      for (const batch of batches.values()) batch.dispose();
      batches.clear();
    },
  };
}
