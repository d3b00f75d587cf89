import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendError, sendJson } from '../http/respond.js';
import { newId } from '../ids.js';
import type { SimState } from '../state.js';
import { BatchJob } from './batch-job.js';
import { newBatchObject } from './batch-object.js';
import type { FileStore } from './file-store.js';

const SUPPORTED_ENDPOINT = '/v1/chat/completions';

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

async function create(req: IncomingMessage, res: ServerResponse, sim: SimState, files: FileStore, jobs: Map<string, BatchJob>): Promise<void> {
  const parsed = await readJson(req, res, 1024 * 1024);
  if (!parsed) return;
  const body = parsed.value as Record<string, unknown> | null;
  const inputFileId = body?.input_file_id;
  if (typeof inputFileId !== 'string')
    return sendError(res, 400, "Missing required parameter: 'input_file_id'.", { param: 'input_file_id', code: 'missing_required_parameter' });
  if (body!.endpoint !== SUPPORTED_ENDPOINT) {
    return sendError(res, 400, `Invalid value for 'endpoint': llm-sim supports only '${SUPPORTED_ENDPOINT}'.`, { param: 'endpoint', code: 'invalid_value' });
  }
  if (body!.completion_window !== '24h') {
    return sendError(res, 400, "Invalid value for 'completion_window': only '24h' is supported.", { param: 'completion_window', code: 'invalid_value' });
  }
  const metadata = body!.metadata ?? null;
  if (metadata !== null && (!isStringRecord(metadata) || Object.keys(metadata).length > 16)) {
    return sendError(res, 400, "Invalid 'metadata': expected at most 16 string values.", { param: 'metadata', code: 'invalid_value' });
  }
  const meta = files.meta(inputFileId);
  const input = files.content(inputFileId);
  if (!meta || !input) return sendError(res, 404, `No such File object: ${inputFileId}`, { param: 'input_file_id' });
  if (meta.purpose !== 'batch')
    return sendError(res, 400, `File ${inputFileId} was not uploaded with purpose 'batch'.`, { param: 'input_file_id', code: 'invalid_value' });
  const data = newBatchObject(newId('batch_'), inputFileId, SUPPORTED_ENDPOINT, sim.batchExpireMs, metadata);
  jobs.set(data.id, new BatchJob(sim, files, data, input));
  sendJson(res, 200, JSON.stringify(data));
}

function list(res: ServerResponse, jobs: Map<string, BatchJob>, query: URLSearchParams): void {
  const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const all = [...jobs.values()].reverse();
  const after = query.get('after');
  const start = after ? all.findIndex((job) => job.data.id === after) + 1 : 0;
  const data = all.slice(start, start + limit).map((job) => job.data);
  const hasMore = start + limit < all.length;
  sendJson(res, 200, JSON.stringify({ object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: hasMore }));
}

/** /batches, /batches/:id, /batches/:id/cancel; returns false for paths it does not serve. */
export function batchesRoutes(
  req: IncomingMessage,
  res: ServerResponse,
  segments: string[],
  context: { sim: SimState; files: FileStore; jobs: Map<string, BatchJob> },
  query: URLSearchParams,
): boolean {
  const { sim, files, jobs } = context;
  const [, id, sub] = segments;
  const method = req.method;
  if (segments.length === 1) {
    if (method === 'POST') {
      create(req, res, sim, files, jobs).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, `llm-sim internal error: ${(error as Error).message}`);
      });
      return true;
    }
    if (method === 'GET') {
      list(res, jobs, query);
      return true;
    }
    return false;
  }
  if (id === undefined || segments.length > 3) return false;
  const wanted = (segments.length === 2 && method === 'GET') || (sub === 'cancel' && method === 'POST');
  if (!wanted) return false;
  req.resume();
  const job = jobs.get(id);
  if (!job) {
    sendError(res, 404, `No such Batch object: ${id}`, { param: 'id' });
  } else if (sub === 'cancel' && !job.cancel()) {
    sendError(res, 409, `Cannot cancel a batch with status '${job.data.status}'.`, { code: 'batch_not_cancellable' });
  } else {
    sendJson(res, 200, JSON.stringify(job.data));
  }
  return true;
}
