import { handlerText } from '../config/describe-handler.js';
import { loadConfig } from '../config/load.js';
import { configLocations } from '../config/paths.js';
import { HookExecutorError } from '../errors.js';
import { eventSpec } from '../events.js';
import { selectHooks } from '../match/select.js';
import { homeDir, out, outJson, projectDirOf, type CommonArgs } from './cli-io.js';

export interface ListArgs extends CommonArgs {
  readonly event: string;
  readonly target?: string;
}

/** What would run for an event: every hook in config order, or only those a target (tool name, source…) matches. */
export async function listCommand(args: ListArgs): Promise<number> {
  if (!args.event) throw new HookExecutorError('USAGE', '--event needs a value, e.g. --event PreToolUse');
  const projectDir = projectDirOf(args);
  const config = loadConfig(configLocations(projectDir, homeDir(), args.config));
  const spec = eventSpec(args.event);
  const handlers = config.events.get(args.event) ?? [];
  const input = spec.matcherField && args.target !== undefined ? { [spec.matcherField]: args.target } : {};
  const selection = selectHooks(config, args.event, input, projectDir);
  const planned = new Map(selection.hooks.map((p) => [p.handler.id, p]));
  const rows = handlers.map((h) => {
    const p = planned.get(h.id);
    const status = !p ? 'no match' : (p.skip ?? 'runs');
    return {
      id: h.id,
      matcher: h.matcher ?? '*',
      after: h.after,
      ...(h.if === undefined ? {} : { if: h.if }),
      timeout: h.timeout ?? spec.defaultTimeoutS,
      background: h.background,
      command: handlerText(h),
      status,
      file: h.file,
    };
  });
  if (args.json) {
    outJson({ event: args.event, target: args.target, hooks: rows });
    return 0;
  }
  if (rows.length === 0) {
    out(`no hooks for ${args.event}`);
    return 0;
  }
  const lines = rows.map((r) => {
    const tags = [
      `matcher ${r.matcher}`,
      r.after.length ? `after ${r.after.join(', ')}` : '',
      r.if ? `if ${r.if}` : '',
      `timeout ${r.timeout} s`,
      r.background ? 'background' : '',
      args.target !== undefined ? r.status : '',
    ].filter(Boolean);
    return `${r.id.padEnd(16)} ${r.command}\n${' '.repeat(17)}${tags.join(' · ')}  [${r.file}]`;
  });
  out(lines.join('\n'));
  return 0;
}
