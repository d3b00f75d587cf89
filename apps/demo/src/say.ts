const colour = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

const wrap = (open: number, close: number) => (text: string) => (colour ? `\u001B[${open}m${text}\u001B[${close}m` : text);

export const bold = wrap(1, 22);
export const dim = wrap(2, 22);
export const green = wrap(32, 39);
export const cyan = wrap(36, 39);

export function heading(step: number, title: string): void {
  process.stdout.write(`\n${bold(`${step}. ${title}`)}\n`);
}

/** Shows the command as a user would type it. */
export function command(text: string): void {
  process.stdout.write(`${dim('$')} ${cyan(text)}\n`);
}

export function line(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

export function firstLine(text: string, width = 96): string {
  const first = text.trim().split('\n')[0] ?? '';
  return first.length > width ? `${first.slice(0, width - 1)}…` : first;
}
