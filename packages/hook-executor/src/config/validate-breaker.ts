// The circuit breaker's fields: `"breaker": {"after": 3, "coolOff": 600}` or `"breaker": false`, at
// the top of the file (every hook) or on one hook; and a hook's `"gate": true`.
import { jsonPathJoin, showValue } from './json-path.js';
import type { BreakerSettings } from './types.js';

type Fail = (jsonPath: string, problem: string) => never;
const KEYS = new Set(['after', 'coolOff']);
/** A cool-off is a timer too: Node's longest (see MAX_TIMEOUT_S). */
const MAX_COOL_OFF_S = Math.floor(0x7fffffff / 1000);

/** undefined when absent; `false`, or the fields given. */
export function breakerField(value: unknown, at: string, fail: Fail): Partial<BreakerSettings> | false | undefined {
  if (value === undefined || value === false) return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(at, `must be false or an object like {"after": 3, "coolOff": 600}, got ${showValue(value)}`);
  }
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KEYS.has(key) && !key.startsWith('$') && !key.startsWith('//')) fail(jsonPathJoin(at, key), 'is not a known field (expected one of: after, coolOff)');
  }
  const { after, coolOff } = raw;
  if (after !== undefined && (typeof after !== 'number' || !Number.isInteger(after) || after < 1)) {
    fail(jsonPathJoin(at, 'after'), `must be a whole number of timeouts or crashes in a row, from 1 up, got ${showValue(after)}`);
  }
  if (coolOff !== undefined && (typeof coolOff !== 'number' || !Number.isFinite(coolOff) || coolOff <= 0 || coolOff > MAX_COOL_OFF_S)) {
    fail(jsonPathJoin(at, 'coolOff'), `must be a number of seconds above 0, at most ${MAX_COOL_OFF_S}, got ${showValue(coolOff)}`);
  }
  return { ...(after === undefined ? {} : { after: after as number }), ...(coolOff === undefined ? {} : { coolOff: coolOff as number }) };
}

export function gateField(value: unknown, at: string, fail: Fail): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') fail(at, `must be true or false, got ${showValue(value)}`);
  return value as boolean | undefined;
}
