import { exportOtlp } from '../export-otlp.js';
import { formatCount } from '../format-units.js';
import { parseDuration } from '../parse-time.js';
import { HookMonitorError } from '../errors.js';
import { out, outJson, scanOptions } from './cli-options.js';
import type { CommonArgs } from './cli-options.js';

type ExportArgs = CommonArgs & { otlp?: string; follow?: boolean; idleExit?: string };

export async function exportCommand(args: ExportArgs): Promise<number> {
  const url = args.otlp ?? process.env.HOOK_MONITOR_OTLP_URL;
  if (!url) throw new HookMonitorError('USAGE', 'export needs --otlp URL (or HOOK_MONITOR_OTLP_URL), e.g. --otlp http://localhost:4318/v1/traces');
  if (args.follow) return followCommand(args, url);
  if (args.idleExit !== undefined) throw new HookMonitorError('USAGE', '--idle-exit goes with --follow');
  const stats = await exportOtlp({ ...scanOptions(args), url });
  if (args.json) outJson(stats);
  else out(`Exported ${formatCount(stats.runs)} runs as ${formatCount(stats.spans)} spans to ${shown(url)}.`);
  return 0;
}

/** The URL as printed: origin and path (one with credentials in it is not echoed whole). */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

async function followCommand(args: ExportArgs, url: string): Promise<number> {
  if (args.event !== undefined) throw new HookMonitorError('USAGE', '--follow sends every run: drop --event');
  const { followOtlp } = await import('../export-follow.js');
  const options = scanOptions(args);
  const controller = new AbortController();
  let interrupted = false;
  const onSigint = () => ((interrupted = true), controller.abort());
  const onSigterm = () => controller.abort();
  process.once('SIGINT', onSigint).once('SIGTERM', onSigterm);
  try {
    const stats = await followOtlp({
      dir: options.dir,
      url,
      signal: controller.signal,
      ...(options.since === undefined ? {} : { since: options.since }),
      ...(args.idleExit === undefined ? {} : { idleExitMs: parseDuration(args.idleExit, '--idle-exit') }),
    });
    if (args.json) outJson(stats);
    else if (stats.busy !== undefined) process.stderr.write(`hook-monitor: another follower (pid ${stats.busy}) already sends ${options.dir}\n`);
    else out(`Sent ${formatCount(stats.runs)} runs as ${formatCount(stats.spans)} spans to ${shown(url)}; stopped: ${stats.stopped}.`);
    return interrupted ? 130 : 0;
  } finally {
    process.off('SIGINT', onSigint).off('SIGTERM', onSigterm);
  }
}
