// Option checks at the door: the message names the option, the value and its type, e.g.
// "Expected `concurrency` to be an integer from 1 and up or `Infinity`, got `0` (number)".

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return value.name ? `[function ${value.name}]` : '[function]';
  if (Array.isArray(value)) return '[array]';
  if (value !== null && typeof value === 'object') return `[object ${value.constructor?.name ?? 'Object'}]`;
  return String(value);
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

export function invalid(name: string, expected: string, value: unknown): TypeError {
  return new TypeError(`Expected \`${name}\` to be ${expected}, got \`${show(value)}\` (${typeName(value)})`);
}

/** An integer ≥ `min`, or Infinity when `allowInfinity`. */
export function checkInteger(name: string, value: unknown, min: number, allowInfinity = false): number {
  if (typeof value === 'number' && ((Number.isInteger(value) && value >= min) || (allowInfinity && value === Infinity))) {
    return value;
  }
  const range = min === 0 ? 'a non-negative integer' : `an integer from ${min} and up`;
  throw invalid(name, allowInfinity ? `${range} or \`Infinity\`` : range, value);
}

/** A finite number ≥ `min` (or > `min` when `exclusive`). */
export function checkNumber(name: string, value: unknown, min: number, exclusive = false): number {
  if (typeof value === 'number' && Number.isFinite(value) && (exclusive ? value > min : value >= min)) return value;
  const what =
    min === 0
      ? exclusive
        ? 'a positive finite number'
        : 'a non-negative finite number'
      : `a finite number ${exclusive ? 'above' : 'from'} ${min}${exclusive ? '' : ' and up'}`;
  throw invalid(name, what, value);
}

export function checkFunction<F>(name: string, value: unknown): F {
  if (typeof value === 'function') return value as F;
  throw invalid(name, 'a function', value);
}

export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw invalid(name, 'a boolean', value);
}

export function checkObject(name: string, value: unknown, expected = 'an object'): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw invalid(name, expected, value);
}

export function checkSignal(name: string, value: unknown): AbortSignal {
  if (value instanceof AbortSignal) return value;
  throw invalid(name, 'an AbortSignal', value);
}

export function optional<V>(value: V | undefined, check: (value: V) => V): V | undefined {
  return value === undefined ? undefined : check(value);
}
