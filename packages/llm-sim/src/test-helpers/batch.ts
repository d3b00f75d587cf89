// Batch API calls over real HTTP (Node's fetch, FormData and Blob).
import type { SimServer } from '../types.js';

export interface Batch {
  id: string;
  status: string;
  output_file_id: string | null;
  error_file_id: string | null;
  request_counts: { total: number; completed: number; failed: number };
  errors: { object: string; data: { code: string; message: string; line: number | null; param: string | null }[] } | null;
  [key: string]: unknown;
}

const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

export function requestLine(customId: string, content: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'sim-1', messages: [{ role: 'user', content }], ...extra },
  });
}

/** `count` chat requests as batch JSONL, custom_ids req-0…, contents "<prefix> i". */
export function jsonl(count: number, prefix = 'q'): string {
  return Array.from({ length: count }, (_, i) => requestLine(`req-${i}`, `${prefix} ${i}`)).join('\n');
}

export async function upload(sim: SimServer, text: string, purpose = 'batch', headers: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', new Blob([text], { type: 'application/jsonl' }), 'input.jsonl');
  return fetch(`${sim.baseURL}/files`, { method: 'POST', body: form, headers });
}

export async function uploadId(sim: SimServer, text: string): Promise<string> {
  const response = await upload(sim, text);
  if (response.status !== 200) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export async function createBatch(sim: SimServer, inputFileId: string, extra: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${sim.baseURL}/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h', ...extra }),
  });
}

export async function submit(sim: SimServer, text: string): Promise<Batch> {
  const response = await createBatch(sim, await uploadId(sim, text));
  if (response.status !== 200) throw new Error(`create: ${response.status} ${await response.text()}`);
  return (await response.json()) as Batch;
}

export async function getBatch(sim: SimServer, id: string): Promise<Batch> {
  return (await (await fetch(`${sim.baseURL}/batches/${id}`)).json()) as Batch;
}

/** Polls until the batch ends; returns it and every status seen on the way. */
export async function poll(sim: SimServer, id: string, everyMs = 10, timeoutMs = 20_000): Promise<{ batch: Batch; seen: string[] }> {
  const seen: string[] = [];
  const start = Date.now();
  for (;;) {
    const batch = await getBatch(sim, id);
    if (seen.at(-1) !== batch.status) seen.push(batch.status);
    if (TERMINAL.has(batch.status)) return { batch, seen };
    if (Date.now() - start > timeoutMs) throw new Error(`batch ${id} still ${batch.status}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export interface OutputLine {
  id: string;
  custom_id: string;
  response: { status_code: number; request_id: string; body: any } | null;
  error: { code: string; message: string } | null;
}

export async function fileLines(sim: SimServer, fileId: string | null): Promise<OutputLine[]> {
  if (fileId === null) return [];
  const text = await (await fetch(`${sim.baseURL}/files/${fileId}/content`)).text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutputLine);
}
