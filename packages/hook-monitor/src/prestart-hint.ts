// Whether a hook's command line looks like one hook-executor runs in a pre-started interpreter:
// one simple command (no shell operators, redirections or substitutions) that is `python3 -c CODE`,
// `python3 SCRIPT`, `node -e CODE` or `node SCRIPT.js`, with no interpreter flag. A hint from the text
// alone: the executor's own check (hook-executor `check`) also looks at the files and the
// environment, which an imported transcript no longer has.

const PYTHON = /^python3(\.\d+)?$/;
const NODE = /^(node|nodejs)$/;
// Outside quotes, any of these needs a real shell.
const SHELL_SYNTAX = new Set([';', '&', '|', '<', '>', '`', '(', ')', '*', '?', '[', '\n', '#', '~', '{', '\\']);
// `$NAME` and `${NAME}` the executor expands itself (e.g. "$CLAUDE_PROJECT_DIR"/hooks/x.py); any other `$` form needs sh.
const VARIABLE = /^\$(\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)/;

/** The words of a simple shell command, or undefined when it needs more than splitting and unquoting. */
function simpleWords(command: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      const end = command.indexOf('"', i + 1);
      const inside = end < 0 ? undefined : command.slice(i + 1, end);
      if (inside === undefined || /[`\\]/.test(inside) || /\$(?![A-Za-z_{])|\$\{(?![A-Za-z_]\w*\})/.test(inside)) return undefined;
      word = (word ?? '') + inside;
      i = end;
    } else if (c === '$') {
      const name = VARIABLE.exec(command.slice(i))?.[0];
      if (name === undefined) return undefined;
      word = (word ?? '') + name;
      i += name.length - 1;
    } else if (SHELL_SYNTAX.has(c) || (c === '=' && word !== undefined && words.length === 0)) {
      // Escapes and globs change the words; `NAME=value cmd` changes the environment.
      return undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** 'python' or 'node' when `command` could run in a pre-started interpreter, else undefined. */
export function prestartHint(command: string): 'python' | 'node' | undefined {
  const words = simpleWords(command.trim());
  if (words === undefined || words.length < 2) return undefined;
  const base = words[0]!.slice(words[0]!.lastIndexOf('/') + 1);
  const kind = PYTHON.test(base) ? 'python' : NODE.test(base) ? 'node' : undefined;
  if (kind === undefined) return undefined;
  const flag = words[1]!;
  if (flag === (kind === 'python' ? '-c' : '-e') || (kind === 'node' && flag === '--eval')) return words.length >= 3 ? kind : undefined;
  if (flag.startsWith('-')) return undefined;
  return kind === 'node' && !/\.c?js$/.test(flag) ? undefined : kind;
}
