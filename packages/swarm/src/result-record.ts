/** Token counts as OpenAI reports them. */
export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  /** Prompt tokens the provider served from its prompt cache (written only when there were some). */
  readonly cached_tokens?: number;
}

/** One line of results.jsonl. */
export interface ResultRecord {
  readonly id: string;
  readonly persona: string | null;
  /** The model's answer; null when the item failed. */
  readonly content: string | null;
  readonly usage: Usage | null;
  /** What the call cost in US dollars, at the price table's price (absent when unknown or failed). */
  readonly cost_usd?: number | undefined;
  /** Wall time of the successful attempt (or of the last one), in ms. */
  readonly ms: number;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /** Why the item failed, after its retries. */
  readonly error?: string;
  /** The extracted, normalised answer when voting (undefined, or absent, when not voting). */
  readonly answer?: string | null | undefined;
}

function usageJson(u: Usage): string {
  const cached = u.cached_tokens ? `,"cached_tokens":${u.cached_tokens}` : '';
  return `{"prompt_tokens":${u.prompt_tokens},"completion_tokens":${u.completion_tokens}${cached}}`;
}

/**
 * Serialises a record as one JSONL line. Hand-built around JSON.stringify of the two free-text fields:
 * this runs once per call on the hot path, and building no intermediate object makes it cheaper than
 * stringifying a fresh one.
 */
export function formatRecord(r: ResultRecord): string {
  let line = `{"id":${JSON.stringify(r.id)},"persona":${r.persona === null ? 'null' : JSON.stringify(r.persona)},"content":${
    r.content === null ? 'null' : JSON.stringify(r.content)
  },"usage":${r.usage === null ? 'null' : usageJson(r.usage)}${r.cost_usd === undefined ? '' : `,"cost_usd":${r.cost_usd}`}`;
  line += `,"ms":${Math.round(r.ms)},"attempts":${r.attempts}`;
  if (r.answer !== undefined) line += `,"answer":${r.answer === null ? 'null' : JSON.stringify(r.answer)}`;
  if (r.error !== undefined) line += `,"error":${JSON.stringify(r.error)}`;
  return `${line}}`;
}
