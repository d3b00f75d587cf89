// Real HTTP against a real server; nothing here is mocked.
import type { SimServer } from '../types.js';

export interface ChatBody {
  model?: string;
  messages?: unknown;
  [key: string]: unknown;
}

export function chatBody(user: string, extra: Partial<ChatBody> = {}): ChatBody {
  return { model: 'sim-1', messages: [{ role: 'user', content: user }], ...extra };
}

export function post(sim: SimServer, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(`${sim.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal && { signal }),
  });
}

/** The assistant's content of a JSON (non-streamed) answer. */
export async function ask(sim: SimServer, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const response = await post(sim, body, headers);
  if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
  const json = (await response.json()) as { choices: { message: { content: string } }[] };
  return json.choices[0]!.message.content;
}

/** Parses an SSE body into its `data:` payloads. */
export function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice(6));
}

export async function getJson<T = unknown>(url: string): Promise<T> {
  const response = await fetch(url);
  return (await response.json()) as T;
}

export function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const check = async (): Promise<void> => {
      if (await predicate()) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error('waitFor timed out'));
      setTimeout(check, 10);
    };
    void check();
  });
}
