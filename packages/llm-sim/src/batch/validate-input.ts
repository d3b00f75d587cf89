import type { BatchError } from './batch-object.js';

/** One request line of a batch input file. */
export interface InputLine {
  readonly customId: string;
  readonly body: unknown;
}

export type InputCheck =
  | { readonly ok: true; readonly lines: InputLine[]; readonly model: string | null }
  | { readonly ok: false; readonly errors: BatchError[] };

// Enough to show what is wrong without a 50,000-entry list.
const MAX_ERRORS = 100;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a JSONL batch input (custom_id, method, url, body) as OpenAI does before running it. */
export function validateInput(text: string, endpoint: string, maxRequests: number): InputCheck {
  const errors: BatchError[] = [];
  const fail = (code: string, message: string, line: number | null, param: string | null = null): void => {
    if (errors.length < MAX_ERRORS) errors.push({ code, message, param, line });
  };
  const raw = text.split('\n');
  const lines: InputLine[] = [];
  const seen = new Set<string>();
  let model: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const source = raw[i]!.trim();
    if (source === '') continue;
    const number = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      fail('invalid_json_line', 'This line is not parseable as valid JSON.', number);
      continue;
    }
    if (!isObject(value)) {
      fail('invalid_json_line', 'Each line must be a JSON object.', number);
      continue;
    }
    const customId = value.custom_id;
    if (typeof customId !== 'string' || customId === '') {
      fail('missing_required_parameter', "Missing required parameter: 'custom_id'.", number, 'custom_id');
      continue;
    }
    if (seen.has(customId)) fail('duplicate_custom_id', `The custom_id '${customId}' is used more than once in this file.`, number, 'custom_id');
    seen.add(customId);
    if (value.method !== 'POST') fail('invalid_method', "The method of each request must be 'POST'.", number, 'method');
    if (value.url !== endpoint) fail('invalid_url', `The url of this request does not match the batch endpoint '${endpoint}'.`, number, 'url');
    if (!isObject(value.body)) {
      fail('invalid_body', "Missing required parameter: 'body' (an object).", number, 'body');
      continue;
    }
    const lineModel = typeof value.body.model === 'string' ? value.body.model : null;
    if (model === null) model = lineModel;
    else if (lineModel !== null && lineModel !== model) fail('mismatched_model', 'All requests in a batch must use the same model.', number, 'body.model');
    lines.push({ customId, body: value.body });
  }
  if (errors.length === 0 && lines.length === 0) fail('empty_file', 'The input file contains no requests.', null);
  if (errors.length === 0 && lines.length > maxRequests) {
    fail('too_many_requests', `The input file has ${lines.length} requests; a batch may hold at most ${maxRequests}.`, null);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines, model };
}
