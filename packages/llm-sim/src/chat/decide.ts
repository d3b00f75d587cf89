import { Hash53, unitFromHash } from '../hash.js';
import type { CompiledReply, CompiledRule } from '../rules/compile-rules.js';
import { readerAnswer, readerKind } from '../reader/reader.js';
import { answerTokens, estimateTokens, promptIds } from '../tokens.js';
import type { SimTokenizer } from '../types.js';
import { defaultAnswer } from './default-answer.js';
import type { ChatRequest } from './parse-request.js';

/** What the simulator answers to one chat request (before latency, faults and limits). */
export interface Decision {
  /** 200, or a rule's status. */
  readonly status: number;
  /** One per choice; for an error status, a single error message. */
  readonly contents: readonly string[];
  readonly finishReason: 'stop' | 'length';
  readonly promptTokens: number;
  /** Sum over choices. */
  readonly completionTokens: number;
  /** The matching rule's latency, overriding the server's. */
  readonly latencyMs: number | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
}

function choiceHash(hash: number, index: number): number {
  return index === 0 ? hash : new Hash53().update(String(hash)).update(String(index)).digest();
}

function pickReply(replies: readonly CompiledReply[], hash: number): CompiledReply {
  if (replies.length === 1) return replies[0]!;
  const u = unitFromHash(hash);
  for (const reply of replies) if (u < reply.upTo) return reply;
  return replies[replies.length - 1]!;
}

/** Behaviours beside rules: offload's reader. */
export interface DecideOptions {
  /** Share (0..1) of the reader's quotes replaced by text not in the chunk. @default 0 */
  readonly fabricateRate?: number;
  /** The model's tokenizer, where one was given (else 4 characters per token). */
  readonly tokenizer?: ((model: string) => SimTokenizer | undefined) | undefined;
}

function choiceContent(request: ChatRequest, rule: CompiledRule | undefined, hash: number, options: DecideOptions): string {
  if (!rule || rule.replies.length === 0) {
    const reader = readerKind(request.schemaName, request.system);
    if (reader) return readerAnswer(reader, { user: request.user, hash, maxTokens: request.maxTokens }, options.fabricateRate ?? 0);
    return defaultAnswer(hash, request.jsonMode);
  }
  const reply = pickReply(rule.replies, hash);
  // JSON mode promises valid JSON: pass JSON replies through, wrap the rest.
  return request.jsonMode && !reply.isJson ? JSON.stringify({ content: reply.content }) : reply.content;
}

/** Decides the answer from the request and the matching rule (if any; else offload's reader or the default answer). */
export function decide(request: ChatRequest, rule: CompiledRule | undefined, options: DecideOptions = {}): Decision {
  const tokenizer = options.tokenizer?.(request.model);
  const promptTokens = tokenizer ? promptIds(request, tokenizer).length : estimateTokens(request.promptChars);
  const status = rule?.status ?? 200;
  const latencyMs = rule?.latencyMs;
  const headers = rule?.headers;
  if (status >= 400) {
    const message = rule?.replies[0]?.content ?? `Scripted error from rule ${rule?.index ?? 0}`;
    return { status, contents: [message], finishReason: 'stop', promptTokens, completionTokens: 0, latencyMs, headers };
  }
  const contents: string[] = [];
  let completionTokens = 0;
  let finishReason: 'stop' | 'length' = 'stop';
  for (let i = 0; i < request.n; i++) {
    const answer = answerTokens(choiceContent(request, rule, choiceHash(request.hash, i), options), request.maxTokens, tokenizer);
    if (answer.cut) finishReason = 'length';
    completionTokens += answer.tokens;
    contents.push(answer.content);
  }
  return { status, contents, finishReason, promptTokens, completionTokens, latencyMs, headers };
}
