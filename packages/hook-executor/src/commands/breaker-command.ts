// `hook-executor breaker status [ID]` and `breaker reset [ID]`: the circuit breakers kept beside
// hook-monitor's store ($HOOK_MONITOR_DIR, default ~/.claude/hook-monitor), for every project.
import { breakerFile, defaultStoreDir, readBreakerState, updateBreakerState } from '@fanout/hook-monitor/breaker';
import { describeBreaker, type BreakerView } from '../breaker/describe.js';
import { close } from '../breaker/transitions.js';
import { HookExecutorError } from '../errors.js';
import { out, outJson, type CommonArgs } from './cli-io.js';

export interface BreakerArgs extends CommonArgs {
  readonly action: 'status' | 'reset';
  /** A hook id (every event and project where it has a breaker), or a breaker's full key. */
  readonly id?: string;
}

const matches = (id: string | undefined) => (key: string, entryId: string) => id === undefined || id === entryId || id === key;

function unknown(id: string, known: readonly string[]): HookExecutorError {
  const list = [...new Set(known)].sort();
  return new HookExecutorError(
    'BREAKER_UNKNOWN',
    `no breaker for hook "${id}" (${list.length ? `breakers: ${list.join(', ')}` : 'no hook has a breaker yet'})`,
  );
}

function line(view: BreakerView): string {
  return `${view.id} (${view.event}): ${view.text}${view.file ? ` — ${view.file}` : ''}`;
}

export async function breakerCommand(args: BreakerArgs): Promise<number> {
  const dir = defaultStoreDir();
  const wanted = matches(args.id);
  const now = Date.now();
  if (args.action === 'status') {
    const hooks = readBreakerState(dir).hooks;
    const views = Object.entries(hooks)
      .filter(([key, entry]) => wanted(key, entry.id))
      .map(([key, entry]) => describeBreaker(key, entry, now));
    if (args.id !== undefined && views.length === 0) throw unknown(args.id, Object.values(hooks).map((e) => e.id));
    if (args.json) outJson({ file: breakerFile(dir), breakers: views });
    else if (views.length === 0) out(`no breakers yet (${breakerFile(dir)}): no hook has timed out or crashed`);
    else out(views.map(line).join('\n'));
    return 0;
  }
  const closed: BreakerView[] = [];
  let known: string[] = [];
  const update = await updateBreakerState(dir, (state) => {
    known = Object.values(state.hooks).map((e) => e.id);
    for (const [key, entry] of Object.entries(state.hooks)) {
      if (!wanted(key, entry.id) || (entry.failures === 0 && entry.openUntil === undefined)) continue;
      closed.push(describeBreaker(key, entry, now));
      close(entry);
      entry.updatedAt = now;
      if (!entry.blocked) delete state.hooks[key];
    }
    return closed.length > 0;
  });
  if (update.error) throw new HookExecutorError('BREAKER_BUSY', `cannot change ${breakerFile(dir)} (${update.error})`);
  if (args.id !== undefined && closed.length === 0 && !known.includes(args.id)) throw unknown(args.id, known);
  if (args.json)
    outJson({ file: breakerFile(dir), reset: closed.map((v) => ({ key: v.key, id: v.id, event: v.event, state: v.state, failures: v.failures })) });
  else if (closed.length === 0) out(args.id === undefined ? 'no breaker to reset: every hook is running' : `${args.id}: its breaker is closed already`);
  else
    out(
      `reset ${closed.length} breaker${closed.length === 1 ? '' : 's'}: ${closed.map((v) => `${v.id} (${v.event})`).join(', ')}; they run ` +
        `again from the next event`,
    );
  return 0;
}
