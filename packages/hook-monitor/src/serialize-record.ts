import type { HookRunRecord, HookStart, HookTiming } from './types.js';

/** Default cap on the opt-in `input` field, in UTF-16 characters. */
export const DEFAULT_MAX_INPUT_CHARS = 2000;

export interface SerializeOptions {
  /** Keep the (truncated) `input` field. @default false */
  readonly storeInput?: boolean;
  /** @default 2000 */
  readonly maxInputChars?: number;
}

// Copies only the contract's fields, so an object that happens to carry more (a prompt, the
// tool input, a hook's stdout) cannot leak them into the store. Key order is fixed, which lets
// the reader find `ts` and `event` without parsing a line it will filter out.
const STARTS: ReadonlySet<string> = new Set<HookStart>(['spawned', 'warm-shell', 'pre-started', 'in-process', 'http']);

function pickTiming(hook: HookTiming): HookTiming {
  const out: HookTiming = {
    id: String(hook.id),
    start_ms: num(hook.start_ms),
    end_ms: num(hook.end_ms),
    exit_code: typeof hook.exit_code === 'number' ? hook.exit_code : null,
    timed_out: hook.timed_out === true,
    stdout_bytes: num(hook.stdout_bytes),
    stderr_bytes: num(hook.stderr_bytes),
  };
  if (Array.isArray(hook.after) && hook.after.length > 0) out.after = hook.after.map(String);
  if (typeof hook.decision === 'string') out.decision = hook.decision;
  if (typeof hook.skipped === 'string') out.skipped = hook.skipped.slice(0, 200);
  if (hook.background === true) out.background = true;
  if (typeof hook.error === 'string') out.error = hook.error.slice(0, 200);
  if (typeof hook.start === 'string' && STARTS.has(hook.start)) out.start = hook.start;
  if (hook.interpreter === 'python' || hook.interpreter === 'node') out.interpreter = hook.interpreter;
  return out;
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1000) / 1000 : 0;
}

/** One JSONL line (with its newline) holding only the contract's fields. */
export function serializeRecord(record: HookRunRecord, options: SerializeOptions = {}): string {
  // Insertion order is the key order on disk: identity and filter keys first, hooks last.
  const out = { v: 1, run_id: String(record.run_id), ts: String(record.ts), event: String(record.event) } as HookRunRecord;
  if (typeof record.session_id === 'string') out.session_id = record.session_id;
  if (typeof record.target === 'string') out.target = record.target.slice(0, 200);
  out.source = record.source;
  out.wall_ms = num(record.wall_ms);
  out.hooks = Array.isArray(record.hooks) ? record.hooks.map(pickTiming) : [];
  if (options.storeInput && typeof record.input === 'string') {
    const max = options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
    out.input = record.input.length > max ? `${record.input.slice(0, max)}…` : record.input;
  }
  return `${JSON.stringify(out)}\n`;
}
