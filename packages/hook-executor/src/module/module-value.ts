// What a module hook's function returned, read as a command hook's stdout: an object is its JSON
// output, a string is plain stdout, nothing is an empty answer.

export type ModuleAnswer = { readonly stdout: string } | { readonly crash: string };

export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return `a non-error value ${JSON.stringify(error)}`;
  } catch {
    return `a non-error value ${String(error)}`;
  }
}

export function answerOf(value: unknown): ModuleAnswer {
  if (value === undefined || value === null) return { stdout: '' };
  if (typeof value === 'string') return { stdout: value };
  if (typeof value === 'object' && !Array.isArray(value)) {
    try {
      return { stdout: JSON.stringify(value) };
    } catch (error) {
      return { crash: `returned an object that is not JSON (${describeThrown(error)})` };
    }
  }
  return { crash: `returned ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}; a module hook returns an output object, a string or nothing` };
}
