import { pmap } from '@fanout/parallel-core';
import type { OracleClient, Usage } from '@fanout/oracle';
import { OffloadError } from '../errors.js';
import { poolPolicy, type Pace } from '../pace.js';
import { parseJsonObject } from '../parse-json.js';
import { estimateTokens } from '../tokens.js';
import { REDUCE_SCHEMA, reduceMessages, type ReduceItem } from './reduce-prompt.js';

export interface ReduceOptions {
  readonly client: OracleClient;
  readonly question: string;
  readonly model: string;
  readonly items: readonly ReduceItem[];
  /** Tokens of the answer (and of each partial answer). */
  readonly budget: number;
  /** Most tokens of items one reduce call gets; more are reduced level by level. */
  readonly inputTokens: number;
  readonly concurrency: number;
  readonly retries: number;
  readonly timeoutMs?: number | undefined;
  readonly pace: Pace;
  readonly signal?: AbortSignal | undefined;
}

export interface ReduceReport {
  readonly answer: string;
  /** Ids of the findings each reported conflict involves, with what disagrees. */
  readonly conflicts: readonly { readonly ids: readonly string[]; readonly issue: string }[];
  readonly calls: number;
  readonly levels: number;
  readonly usage: Usage;
  readonly warnings: readonly string[];
}

interface Reduced {
  readonly answer: string;
  readonly conflicts: { ids: string[]; issue: string }[];
  readonly warning?: string;
}

// Room for the JSON around the answer and a few conflicts.
export const JSON_OVERHEAD_TOKENS = 200;

function readAnswer(content: string): Reduced {
  let json: Record<string, unknown>;
  try {
    json = parseJsonObject(content);
  } catch {
    return { answer: content.trim(), conflicts: [], warning: 'the reduce model answered in plain text, not JSON: shown as it came' };
  }
  const answer = typeof json.answer === 'string' ? json.answer.trim() : '';
  const conflicts = (Array.isArray(json.conflicts) ? json.conflicts : []).flatMap((c: unknown) => {
    const ids = (c as { finding_ids?: unknown } | null)?.finding_ids;
    const issue = (c as { issue?: unknown } | null)?.issue;
    if (!Array.isArray(ids)) return [];
    return [{ ids: ids.filter((id): id is string => typeof id === 'string'), issue: typeof issue === 'string' ? issue : 'the findings disagree' }];
  });
  return { answer, conflicts };
}

/** Groups of consecutive items within `limit` tokens, at least two per group so every level shrinks. */
function groups(items: readonly ReduceItem[], limit: number): ReduceItem[][] {
  const out: ReduceItem[][] = [];
  let current: ReduceItem[] = [];
  let tokens = 0;
  for (const item of items) {
    if (current.length >= 2 && tokens + item.tokens > limit) {
      out.push(current);
      current = [];
      tokens = 0;
    }
    current.push(item);
    tokens += item.tokens;
  }
  if (current.length > 0) out.push(current);
  return out;
}

const total = (items: readonly ReduceItem[]): number => items.reduce((sum, i) => sum + i.tokens, 0);

/**
 * Merges the findings into one answer within `budget` tokens. When they do not fit one call, groups
 * are reduced to partial answers in parallel (which keep their [F…] citations), and those are
 * reduced again, until one call takes everything that is left.
 */
export async function runReduce(options: ReduceOptions): Promise<ReduceReport> {
  const { client, pace } = options;
  const usage = { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0 };
  const conflicts: { ids: string[]; issue: string }[] = [];
  const warnings = new Set<string>();
  let calls = 0;
  let levels = 0;
  const observe = pace.limiter.observe.bind(pace.limiter);

  const reduce = async (items: readonly ReduceItem[], signal: AbortSignal): Promise<Reduced> => {
    calls++;
    const result = await client.chat(
      {
        messages: reduceMessages(options.question, items, options.budget),
        model: options.model,
        schema: REDUCE_SCHEMA,
        maxTokens: options.budget + JSON_OVERHEAD_TOKENS,
      },
      { signal },
    );
    if (result.headers !== undefined) observe(result.headers);
    usage.prompt_tokens += result.usage.prompt_tokens;
    usage.completion_tokens += result.usage.completion_tokens;
    usage.cached_tokens += result.usage.cached_tokens ?? 0;
    return readAnswer(result.content);
  };
  const policy = { ...poolPolicy(options, pace), failFast: true as const };
  const keep = (r: Reduced): Reduced => {
    conflicts.push(...r.conflicts);
    if (r.warning) warnings.add(r.warning);
    return r;
  };

  let items = options.items;
  let partialId = 0;
  while (items.length > 1 && total(items) > options.inputTokens) {
    levels++;
    const reduced = await pmap(groups(items, options.inputTokens), (group, context) => reduce(group, context.signal), policy);
    items = reduced.map(keep).map((r) => {
      const line = JSON.stringify({ id: `S${++partialId}`, answer: r.answer });
      return { id: `S${partialId}`, line, tokens: estimateTokens(line) };
    });
  }
  levels++;
  const [final] = await pmap([items], (group, context) => reduce(group, context.signal), policy);
  const answer = keep(final!).answer;
  if (answer === '') throw new OffloadError('E_BAD_ANSWER', 'the reduce model gave an empty answer');
  return { answer, conflicts, calls, levels, usage, warnings: [...warnings] };
}
