import { mapAnswer } from './map-answer.js';
import { reduceAnswer } from './reduce-answer.js';

/** What offload asks of a model, recognised by its schema name or the marker in its system prompt. */
export type ReaderKind = 'map' | 'reduce';

export function readerKind(schemaName: string | undefined, system: string): ReaderKind | undefined {
  if (schemaName === 'offload_findings' || system.includes('offload:map')) return 'map';
  if (schemaName === 'offload_answer' || system.includes('offload:reduce')) return 'reduce';
  return undefined;
}

export interface ReaderRequest {
  readonly user: string;
  readonly hash: number;
  readonly maxTokens: number | undefined;
}

/** The deterministic reader's answer (JSON text) to an offload map or reduce request. */
export function readerAnswer(kind: ReaderKind, request: ReaderRequest, fabricateRate: number): string {
  return kind === 'map' ? mapAnswer(request.user, request.hash, fabricateRate, request.maxTokens) : reduceAnswer(request.user, request.maxTokens);
}
