/** Colour only for a terminal that wants it: FORCE_COLOR forces it (unless 0/false), NO_COLOR or a non-TTY turns it off. */
export function shouldColour(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export type Paint = (text: string) => string;

const sgr = (open: number, close: number): Paint => (text) => `\u001B[${open}m${text}\u001B[${close}m`;

export interface Palette {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly yellow: Paint;
  readonly magenta: Paint;
  readonly cyan: Paint;
}

const plain: Paint = (text) => text;

export function palette(enabled: boolean): Palette {
  if (!enabled) return { bold: plain, dim: plain, red: plain, yellow: plain, magenta: plain, cyan: plain };
  return {
    bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), magenta: sgr(35, 39), cyan: sgr(36, 39),
  };
}
