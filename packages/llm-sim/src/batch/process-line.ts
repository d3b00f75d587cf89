import { completionObject } from '../chat/completion-object.js';
import { usageObject } from '../cost/usage-object.js';
import { decide } from '../chat/decide.js';
import { isProblem, parseChatRequest } from '../chat/parse-request.js';
import { Hash53, unitFromHash } from '../hash.js';
import { errorObject, errorType, modelNotFound, SERVER_ERROR } from '../http/respond.js';
import { newId } from '../ids.js';
import { ruleForRequest } from '../rules/match-rule.js';
import type { SimState } from '../state.js';
import type { InputLine } from './validate-input.js';

/** One line of the output or error file, and what it cost. */
export interface LineResult {
  readonly json: string;
  readonly failed: boolean;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

function result(line: InputLine, status: number, body: unknown, promptTokens = 0, completionTokens = 0): LineResult {
  const json = JSON.stringify({
    id: newId('batch_req_'),
    custom_id: line.customId,
    response: { status_code: status, request_id: newId('req_'), body },
    error: null,
  });
  return { json, failed: status >= 400, promptTokens, completionTokens };
}

function failsByRate(sim: SimState, customId: string): boolean {
  if (sim.batchFailureRate <= 0) return false;
  return unitFromHash(new Hash53().update(String(sim.seed)).update('batch-failure').update(customId).digest()) < sim.batchFailureRate;
}

/** Answers one batch line as the chat endpoint would (same rules and answers; no latency or limits). */
export function processLine(sim: SimState, line: InputLine): LineResult {
  const request = parseChatRequest(line.body, sim.seed);
  if (isProblem(request)) return result(line, 400, errorObject(request.message, errorType(400), request.code, request.param));
  if (!sim.modelSet.has(request.model)) return result(line, 404, errorObject(modelNotFound(request.model), errorType(404), 'model_not_found', 'model'));
  const decision = decide({ ...request, stream: false }, ruleForRequest(sim.rules, request, undefined, undefined), sim);
  if (decision.status >= 400) return result(line, decision.status, errorObject(decision.contents[0]!, errorType(decision.status)));
  // Decided by custom_id, so a failed line retried on the direct path succeeds.
  if (failsByRate(sim, line.customId)) return result(line, 500, errorObject(SERVER_ERROR, 'server_error'));
  // Batch lines share the prompt cache and are billed at the Batch API's half price.
  const cached = sim.promptCache?.take(request, sim.tokenizer?.(request.model)) ?? 0;
  const usage = usageObject(sim.prices.get(request.model), decision.promptTokens, cached, decision.completionTokens, true);
  sim.stats.bill(usage);
  const body = completionObject(newId('chatcmpl-'), request.model, decision, usage);
  return result(line, 200, body, decision.promptTokens, decision.completionTokens);
}

/** An error-file line for a request that never ran (batch expired or cancelled). */
export function notRunLine(line: InputLine, code: 'batch_expired' | 'batch_cancelled'): string {
  const message = code === 'batch_expired'
    ? 'This request could not be executed before the completion window expired.'
    : 'This request was not executed because the batch was cancelled.';
  return JSON.stringify({ id: newId('batch_req_'), custom_id: line.customId, response: null, error: { code, message } });
}
