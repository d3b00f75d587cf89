/** Token counts as OpenAI reports them. */
export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
}

/** One line of results.jsonl. */
export interface ResultRecord {
  readonly id: string;
  readonly persona: string | null;
  /** The model's answer; null when the item failed. */
  readonly content: string | null;
  readonly usage: Usage | null;
  /** Wall time of the successful attempt (or of the last one), in ms. */
  readonly ms: number;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /** Why the item failed, after its retries. */
  readonly error?: string;
  /** The extracted, normalised answer when voting. */
  readonly answer?: string | null;
}

/**
 * Serialises a record as one JSONL line. Hand-built around JSON.stringify of the two free-text fields:
 * this runs once per call on the hot path and is ~2× cheaper than stringifying a fresh object.
 */
export function formatRecord(r: ResultRecord): string {
  let line = `{"id":${JSON.stringify(r.id)},"persona":${r.persona === null ? 'null' : JSON.stringify(r.persona)},"content":${
    r.content === null ? 'null' : JSON.stringify(r.content)
  },"usage":${r.usage === null ? 'null' : `{"prompt_tokens":${r.usage.prompt_tokens},"completion_tokens":${r.usage.completion_tokens}}`},"ms":${Math.round(
    r.ms,
  )},"attempts":${r.attempts}`;
  if (r.answer !== undefined) line += `,"answer":${r.answer === null ? 'null' : JSON.stringify(r.answer)}`;
  if (r.error !== undefined) line += `,"error":${JSON.stringify(r.error)}`;
  return `${line}}`;
}
