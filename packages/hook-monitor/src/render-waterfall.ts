import { palette } from './colour.js';
import type { Palette } from './colour.js';
import { criticalPath, sequentialMs } from './critical-path.js';
import { formatMs } from './format-units.js';
import { hookStatus } from './hook-status.js';
import { maxOf } from './max-of.js';
import type { HookRunRecord, HookTiming } from './types.js';

export interface WaterfallOptions {
  /** Total width in columns. @default 80 */
  readonly width?: number;
  /** ANSI colour. @default false */
  readonly colour?: boolean;
}

const NAME_MAX = 24;
const RIGHT = 24;
const STATUS_MAX = RIGHT - 9;

/** A terminal Gantt chart of one run: one bar per hook on a shared axis, the critical path starred. */
export function renderWaterfall(record: HookRunRecord, options: WaterfallOptions = {}): string {
  const paint = palette(options.colour === true);
  const width = Math.max(40, Math.floor(options.width ?? 80));
  const critical = new Set(criticalPath(record.hooks).map((hook) => hook.id));
  const nameWidth = Math.min(NAME_MAX, maxOf(record.hooks, (hook) => hook.id.length, 4));
  // '  * ' + name + ' │' + bar + '│ ' + label
  const barWidth = Math.max(10, width - nameWidth - 8 - RIGHT);
  const total = maxOf(record.hooks, (hook) => (hook.skipped === undefined ? hook.end_ms : 0), Math.max(record.wall_ms, 1e-9));

  const lines: string[] = [];
  const when = record.ts.slice(0, 19).replace('T', ' ');
  const sequential = sequentialMs(record.hooks);
  lines.push(paint.bold(clip(`${record.event}${record.target ? ` (${record.target})` : ''} · run ${record.run_id} · ${when}`, width)));
  lines.push(
    clip(
      `wall ${formatMs(record.wall_ms)} · one after another ${formatMs(sequential)} · saved ${formatMs(sequential - record.wall_ms)} · ${record.source}`,
      width,
    ),
  );
  const axisEnd = formatMs(total);
  lines.push(`${' '.repeat(nameWidth + 6)}0${' '.repeat(Math.max(1, barWidth - 1 - axisEnd.length))}${axisEnd}`);
  for (const hook of record.hooks) lines.push(hookLine(hook, critical.has(hook.id), { nameWidth, barWidth, total, paint }));
  lines.push(paint.dim(clip('  * critical path  █ on it  ▒ ran  ░ background', width)));
  return lines.join('\n');
}

interface Layout {
  readonly nameWidth: number;
  readonly barWidth: number;
  readonly total: number;
  readonly paint: Palette;
}

function hookLine(hook: HookTiming, onPath: boolean, { nameWidth, barWidth, total, paint }: Layout): string {
  const name = hook.id.length > nameWidth ? `${hook.id.slice(0, nameWidth - 1)}…` : hook.id.padEnd(nameWidth);
  const marker = onPath ? paint.yellow('*') : ' ';
  const status = hookStatus(hook);
  let bar: string;
  if (status === 'skipped') {
    // Nothing ran, so the empty bar area carries the reason.
    const text = clip(` skipped: ${hook.skipped}`, barWidth);
    bar = paint.dim(text) + ' '.repeat(barWidth - text.length);
  } else {
    const from = Math.min(barWidth - 1, Math.floor((hook.start_ms / total) * barWidth));
    const to = Math.min(barWidth, Math.max(from + 1, Math.ceil((hook.end_ms / total) * barWidth)));
    const glyph = hook.background ? '░' : onPath ? '█' : '▒';
    const colour = status === 'timeout' || status === 'failed' ? paint.red : onPath ? paint.yellow : hook.background ? paint.dim : paint.cyan;
    bar = ' '.repeat(from) + colour(glyph.repeat(to - from)) + ' '.repeat(barWidth - to);
  }
  return `  ${marker} ${name} │${bar}│ ${rightLabel(hook, status, paint)}`;
}

function rightLabel(hook: HookTiming, status: ReturnType<typeof hookStatus>, paint: Palette): string {
  if (status === 'skipped') return paint.dim('skipped');
  const took = formatMs(hook.end_ms - hook.start_ms).padStart(8);
  switch (status) {
    case 'timeout':
      return `${took} ${paint.red('TIMED OUT')}`;
    case 'failed':
      return `${took} ${paint.red(clip(`FAILED ${hook.error ?? `exit ${hook.exit_code}`}`, STATUS_MAX))}`;
    case 'block':
      return `${took} ${paint.magenta(clip(hook.exit_code === 2 ? 'BLOCKED exit 2' : `BLOCKED ${hook.decision}`, STATUS_MAX))}`;
    default:
      return `${took}${hook.background ? paint.dim(' background') : ''}`;
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
