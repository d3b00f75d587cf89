const SPECIAL = /[.+^${}()|[\]\\]/g;

/**
 * A glob as a RegExp source: `**` any run of characters, `*` any run without `/` (or with it when
 * `starCrossesSlash`), `?` one character.
 */
export function globSource(glob: string, starCrossesSlash: boolean): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `dir/**/x` also matches `dir/x`
        if (glob[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i++;
        }
      } else {
        out += starCrossesSlash ? '.*' : '[^/]*';
      }
    } else if (c === '?') {
      out += starCrossesSlash ? '.' : '[^/]';
    } else {
      out += c.replace(SPECIAL, '\\$&');
    }
  }
  return out;
}

export function globMatches(glob: string, text: string, starCrossesSlash = true): boolean {
  return new RegExp(`^${globSource(glob, starCrossesSlash)}$`, 's').test(text);
}
