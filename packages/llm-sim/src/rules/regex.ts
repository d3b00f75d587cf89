const SLASHED = /^\/(.*)\/([dgimsuvy]*)$/s;

/** Compiles a rule pattern: "text" as-is, or "/text/flags". Stateful flags (g, y) are dropped. */
export function compilePattern(pattern: string): RegExp {
  const slashed = SLASHED.exec(pattern);
  if (!slashed) return new RegExp(pattern);
  return new RegExp(slashed[1]!, slashed[2]!.replace(/[gy]/g, ''));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches `name` as a whole word, case-insensitive ("critic" matches "You are a Critic." but not "critical"). */
export function wordPattern(name: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, 'iu');
}
