// The words `sh -c COMMAND` would exec, for the commands simple enough to know them without a shell:
// one simple command of plain words, '…' and "…" quoting, backslash escapes, and `$NAME` / `${NAME}`
// (expanded from the hook's environment, as sh would). Anything else — operators, redirections,
// globs, `~`, assignments, command substitution, arithmetic, a comment — answers undefined, and the
// hook runs through sh as usual.

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const PLAIN = /[A-Za-z0-9_./,:@%+=-]/;
const IFS = /[ \t\n]/;
const GLOB = /[*?[]/;

/** Expands `$NAME` / `${NAME}` at `text[i]` (a `$`); undefined for any other `$` form. */
function variable(text: string, i: number, env: NodeJS.ProcessEnv): { value: string; end: number } | undefined {
  const braced = text[i + 1] === '{';
  const rest = text.slice(i + (braced ? 2 : 1));
  const name = NAME.exec(rest)?.[0];
  if (!name) return undefined;
  if (braced && rest[name.length] !== '}') return undefined;
  // Special parameters and positional ones never match NAME; `set -u` is not in effect under sh -c.
  return { value: env[name] ?? '', end: i + (braced ? 2 : 1) + name.length + (braced ? 1 : 0) };
}

export function shellWords(command: string, env: NodeJS.ProcessEnv): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < command.length) {
    const c = command[i]!;
    if (IFS.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
      continue;
    }
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word = (word ?? '') + command.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= command.length) return undefined;
        const d = command[i]!;
        if (d === '"') break;
        if (d === '`') return undefined;
        if (d === '\\') {
          const next = command[i + 1];
          if (next === undefined) return undefined;
          if (next === '\n') i += 2;
          else if ('$`"\\'.includes(next)) {
            text += next;
            i += 2;
          } else {
            text += d;
            i++;
          }
          continue;
        }
        if (d === '$') {
          const v = variable(command, i, env);
          if (!v) return undefined;
          text += v.value;
          i = v.end;
          continue;
        }
        text += d;
        i++;
      }
      word = (word ?? '') + text;
      i++;
      continue;
    }
    if (c === '\\') {
      const next = command[i + 1];
      if (next === undefined) return undefined;
      if (next !== '\n') word = (word ?? '') + next;
      i += 2;
      continue;
    }
    if (c === '$') {
      // Unquoted: field splitting and globbing apply, so only a value they leave alone is known.
      const v = variable(command, i, env);
      if (!v || v.value === '' || IFS.test(v.value) || GLOB.test(v.value)) return undefined;
      word = (word ?? '') + v.value;
      i = v.end;
      continue;
    }
    if (!PLAIN.test(c)) return undefined;
    // `=` in the first word before any quoting is an assignment (NAME=value cmd).
    if (c === '=' && words.length === 0 && word !== undefined && NAME.exec(word)?.[0] === word) return undefined;
    word = (word ?? '') + c;
    i++;
  }
  if (word !== undefined) words.push(word);
  return words.length ? words : undefined;
}
