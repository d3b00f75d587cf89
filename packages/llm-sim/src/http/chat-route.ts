import type { IncomingMessage, ServerResponse } from 'node:http';
import { completionObject } from '../chat/completion-object.js';
import { decide, type Decision } from '../chat/decide.js';
import { isProblem, parseChatRequest, type ChatRequest } from '../chat/parse-request.js';
import { FLEX_UNAVAILABLE, FLEX_UNAVAILABLE_CODE, flexUnavailable, serviceTier } from '../chat/flex-tier.js';
import { sseEvents } from '../chat/sse-events.js';
import { usageObject } from '../cost/usage-object.js';
import { newId } from '../ids.js';
import { ruleForRequest } from '../rules/match-rule.js';
import type { SimState } from '../state.js';
import { checkAuth } from './auth.js';
import { modelNotFound, readJson, SERVER_ERROR, sendError, sendJson, type Headers } from './respond.js';

const BODY_LIMIT = 32 * 1024 * 1024;

/** The one pending timer of an exchange (latency or the next SSE chunk), cleared if the client leaves. */
interface Exchange {
  timer: NodeJS.Timeout | undefined;
  /** The `service_tier` asked for, echoed in the completion (as OpenAI does). */
  tier?: string | undefined;
  /** Prompt tokens the prompt cache served (decided when the request was admitted). */
  cached?: number | undefined;
}

function mergeHeaders(a: Headers | undefined, b: Readonly<Headers> | undefined): Headers | undefined {
  if (!a) return b ? { ...b } : undefined;
  return b ? { ...a, ...b } : a;
}

function writeStream(res: ServerResponse, exchange: Exchange, events: string[], chunkMs: number, headers: Headers | undefined): void {
  const all: Headers = headers ? { ...headers } : {};
  all['content-type'] = 'text/event-stream; charset=utf-8';
  all['cache-control'] = 'no-cache';
  if (chunkMs <= 0) {
    // All at once: a known length spares both sides the chunked framing.
    const body = events.join('');
    all['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(200, all);
    res.end(body);
    return;
  }
  res.writeHead(200, all);
  let next = 0;
  const tick = (): void => {
    exchange.timer = undefined;
    res.write(events[next++]!);
    if (next === events.length) res.end();
    else exchange.timer = setTimeout(tick, chunkMs);
  };
  tick();
}

function answer(
  res: ServerResponse,
  exchange: Exchange,
  sim: SimState,
  request: ChatRequest,
  decision: Decision,
  failed: boolean,
  headers: Headers | undefined,
): void {
  exchange.timer = undefined;
  if (failed) return sendError(res, 500, SERVER_ERROR, { headers });
  if (decision.status >= 400) {
    const code = decision.status === 429 ? 'rate_limit_exceeded' : null;
    return sendError(res, decision.status, decision.contents[0]!, { code, headers });
  }
  const id = newId('chatcmpl-');
  // Flex processing is billed at Batch API prices.
  const usage = usageObject(sim.prices.get(request.model), decision.promptTokens, exchange.cached ?? 0, decision.completionTokens, exchange.tier === 'flex');
  sim.stats.bill(usage);
  if (request.stream) {
    return writeStream(res, exchange, sseEvents(id, request.model, decision, request.includeUsage, usage), sim.streamChunkMs, headers);
  }
  const completion = completionObject(id, request.model, decision, usage);
  sendJson(res, decision.status, JSON.stringify(exchange.tier ? { ...completion, service_tier: exchange.tier } : completion), headers);
}

/** POST /v1/chat/completions: auth, parse, model, rule, rate limit, fault, latency, answer. */
export async function chatRoute(req: IncomingMessage, res: ServerResponse, sim: SimState): Promise<void> {
  // The latency counts from here, as a client times a real API: reading and parsing the body and
  // deciding the answer happen inside it, not on top of it.
  const arrived = performance.now();
  const stats = sim.stats;
  stats.start();
  const exchange: Exchange = { timer: undefined };
  res.once('close', () => {
    if (res.writableEnded) {
      stats.finish(res.statusCode);
    } else {
      stats.abort();
      if (exchange.timer) clearTimeout(exchange.timer);
    }
  });
  if (!checkAuth(req, res, sim)) return;
  const body = await readJson(req, res, BODY_LIMIT);
  if (!body || res.destroyed) return;
  const request = parseChatRequest(body.value, sim.seed);
  if (isProblem(request)) return sendError(res, 400, request.message, { code: request.code, param: request.param });
  if (!sim.modelSet.has(request.model)) {
    return sendError(res, 404, modelNotFound(request.model), {
      code: 'model_not_found',
      param: 'model',
    });
  }
  const rule = ruleForRequest(sim.rules, request, req.headers['x-fanout-round'], req.headers['x-fanout-persona']);
  const decision = decide(request, rule, sim);
  exchange.tier = serviceTier(body.value);
  const flex = exchange.tier === 'flex';
  // Before the rate limiter: a request flex turns away spends nothing of the account's limits.
  if (flex && flexUnavailable(sim)) return sendError(res, 429, FLEX_UNAVAILABLE, { code: FLEX_UNAVAILABLE_CODE });
  const admission = sim.limiter.admit(decision.promptTokens + decision.completionTokens);
  if (!admission.ok) {
    return sendError(res, 429, admission.message, { type: admission.kind, code: 'rate_limit_exceeded', headers: admission.headers });
  }
  const failed = decision.status < 400 && sim.errorRate > 0 && sim.errorRandom() < sim.errorRate;
  // Decided on admission, so what the cache serves does not depend on how answers interleave.
  if (!failed && decision.status < 400) exchange.cached = sim.promptCache?.take(request, sim.tokenizer?.(request.model));
  const headers = mergeHeaders(admission.headers, decision.headers);
  const latency = (decision.latencyMs ?? sim.sampleLatency()) * (flex ? sim.flexLatencyFactor : 1);
  // Rounded up: a timer's whole milliseconds must not answer before the latency is over.
  const delay = Math.ceil(latency - (performance.now() - arrived));
  if (delay > 0) exchange.timer = setTimeout(answer, delay, res, exchange, sim, request, decision, failed, headers);
  else answer(res, exchange, sim, request, decision, failed, headers);
}
