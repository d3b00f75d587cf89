import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendError, sendJson } from '../http/respond.js';
import { UPLOAD_PURPOSES, type FilePurpose, type FileStore } from './file-store.js';
import { multipartBoundary, parseMultipart } from './multipart.js';

// The Batch API takes input files of up to 200 MB; allow the multipart framing around one.
const UPLOAD_LIMIT = 200 * 1024 * 1024 + 64 * 1024;

function noSuchFile(res: ServerResponse, id: string): void {
  sendError(res, 404, `No such File object: ${id}`, { param: 'id' });
}

async function upload(req: IncomingMessage, res: ServerResponse, files: FileStore): Promise<void> {
  const boundary = multipartBoundary(req.headers['content-type']);
  if (!boundary) {
    req.resume();
    return sendError(res, 400, 'Expected a multipart/form-data body with `purpose` and `file`.');
  }
  let body: Buffer;
  try {
    body = await readBody(req, UPLOAD_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendError(res, 413, 'The file is larger than the 200 MB the Batch API accepts.');
    throw error;
  }
  const parts = parseMultipart(body, boundary);
  if (!parts) return sendError(res, 400, 'The multipart/form-data body could not be parsed.');
  const purpose = parts.find((p) => p.name === 'purpose')?.data.toString('utf8').trim();
  const file = parts.find((p) => p.name === 'file');
  if (purpose === undefined) return sendError(res, 400, "Missing required parameter: 'purpose'.", { param: 'purpose', code: 'missing_required_parameter' });
  if (!UPLOAD_PURPOSES.has(purpose)) {
    return sendError(res, 400, `Invalid value for 'purpose': '${purpose}'. Expected one of ${[...UPLOAD_PURPOSES].join(', ')}.`, {
      param: 'purpose',
      code: 'invalid_value',
    });
  }
  if (!file) return sendError(res, 400, "Missing required parameter: 'file'.", { param: 'file', code: 'missing_required_parameter' });
  sendJson(res, 200, JSON.stringify(files.add(file.filename ?? 'upload', purpose as FilePurpose, Buffer.from(file.data))));
}

/** /files, /files/:id, /files/:id/content; returns false for paths it does not serve. */
export function filesRoutes(req: IncomingMessage, res: ServerResponse, segments: string[], files: FileStore, query: URLSearchParams): boolean {
  const [, id, sub] = segments;
  const method = req.method;
  if (segments.length === 1) {
    if (method === 'POST') {
      upload(req, res, files).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, `llm-sim internal error: ${(error as Error).message}`);
      });
      return true;
    }
    if (method === 'GET') {
      const data = files.list(query.get('purpose') ?? undefined);
      sendJson(res, 200, JSON.stringify({ object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false }));
      return true;
    }
    return false;
  }
  if (id === undefined || segments.length > 3) return false;
  if (segments.length === 3) {
    if (sub !== 'content' || method !== 'GET') return false;
    const content = files.content(id);
    if (!content) noSuchFile(res, id);
    else {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(content.length) });
      res.end(content);
    }
    return true;
  }
  if (method === 'GET') {
    const meta = files.meta(id);
    if (!meta) noSuchFile(res, id);
    else sendJson(res, 200, JSON.stringify(meta));
    return true;
  }
  if (method === 'DELETE') {
    if (!files.delete(id)) noSuchFile(res, id);
    else sendJson(res, 200, JSON.stringify({ id, object: 'file', deleted: true }));
    return true;
  }
  return false;
}
