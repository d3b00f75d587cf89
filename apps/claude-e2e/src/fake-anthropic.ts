// A fake Anthropic Messages API on 127.0.0.1 for the real Claude Code CLI: answers
// `HEAD /` and `POST /v1/messages` from a per-case script, and records every request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClaudeE2eError } from './errors.js';
import { hookNotes, receivedText, toolResults, messageRequests, type HookNote, type ReceivedToolResult } from './received.js';
import type { RecordedRequest } from './recorded-request.js';
import { assistantMessage, turnIndexOf, type ScriptedTurn, type Turn } from './script.js';
import { messageToSse } from './sse.js';

export interface FakeAnthropicOptions {
  /** The model's replies in order; see `turnIndexOf` for which turn answers which request. */
  readonly turns?: readonly Turn[];
  /** Called with every request as it is recorded (a session waits on it). */
  readonly onRequest?: (request: RecordedRequest) => void;
}

export interface FakeAnthropic {
  /** `http://127.0.0.1:<port>`, for ANTHROPIC_BASE_URL. */
  readonly url: string;
  readonly port: number;
  /** Every request received so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  messageRequests(): RecordedRequest[];
  receivedText(): string;
  toolResults(): ReceivedToolResult[];
  hookNotes(): HookNote[];
  close(): Promise<void>;
}

const DEFAULT_TURNS: readonly Turn[] = [{ text: 'ok' }];

function parseJson(raw: string): unknown {
  try {
    return raw === '' ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function pickTurn(turns: readonly Turn[], index: number, request: RecordedRequest): ScriptedTurn {
  const turn = turns[index];
  if (turn === undefined) return { text: `fake-anthropic: no scripted turn ${index} (the script has ${turns.length})` };
  return typeof turn === 'function' ? turn(request) : turn;
}

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const turns = options.turns ?? DEFAULT_TURNS;
  if (!Array.isArray(turns)) throw new ClaudeE2eError('USAGE', `Expected \`turns\` to be an array, got ${typeof turns}`);
  const requests: RecordedRequest[] = [];

  function answer(req: IncomingMessage, res: ServerResponse, raw: string, receivedAt: number): void {
    const path = req.url ?? '/';
    const body = parseJson(raw);
    const isMessages = req.method === 'POST' && /^\/v1\/messages(\?|$)/.test(path);
    const turn = isMessages ? turnIndexOf(body) : undefined;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      raw,
      body,
      ...(turn === undefined ? {} : { turn }),
      receivedAt,
    };
    requests.push(recorded);
    options.onRequest?.(recorded);
    if (req.method === 'HEAD' || (req.method === 'GET' && path === '/')) {
      res.writeHead(200).end();
      return;
    }
    if (turn === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `fake-anthropic: no route ${req.method} ${path}` } }));
      return;
    }
    const { model = 'claude-fake', stream } = (body ?? {}) as { model?: string; stream?: boolean };
    const message = assistantMessage(pickTurn(turns, turn, recorded), turn, model);
    const headers = { 'request-id': `req_fake_${requests.length}` };
    if (stream === true) {
      res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(messageToSse(message));
    } else {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' });
      res.end(JSON.stringify(message));
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8'), performance.now()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new ClaudeE2eError('FAKE_SERVER', `fake Anthropic server could not listen on 127.0.0.1: ${String(cause)}`, { cause })),
    );
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    messageRequests: () => messageRequests(requests),
    receivedText: () => receivedText(requests),
    toolResults: () => toolResults(requests),
    hookNotes: () => hookNotes(requests),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
