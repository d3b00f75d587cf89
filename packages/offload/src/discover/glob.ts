// Globs the shell did not expand (`offload "…" 'src/**/*.ts'`): `**` crosses directories, `*` and
// `?` stay within one, `{a,b}` and `[abc]` as in bash. Matched against slash-separated paths.

const GLOB_CHARS = /[*?[\]{}]/;

export function isGlob(path: string): boolean {
  return GLOB_CHARS.test(path);
}

/** The leading directories of a glob that hold no glob characters: where to start looking. */
export function globBase(glob: string): string {
  const parts = glob.split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (isGlob(part)) break;
    fixed.push(part);
  }
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

function escapeChar(char: string): string {
  return /[.+^$()|\\/]/.test(char) ? `\\${char}` : char;
}

/** A RegExp matching whole paths against `glob`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        if (atSegmentStart && slashAfter) {
          re += '(?:[^/]*/)*'; // `**/`: zero or more whole directories
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else {
      re += escapeChar(c);
    }
  }
  return new RegExp(`^${re}$`);
}
