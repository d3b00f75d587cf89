// `install`: move the hooks of one settings file into the executor's file and register the
// executor once per event in their place. A pure function of the two files' texts.
import { mergeConfigFiles } from '../config/load.js';
import { criticalPath } from '../config/critical-path.js';
import { deriveId } from '../config/ids.js';
import type { HandlerDraft } from '../config/types.js';
import { MAX_TIMEOUT_S, validateConfigFile } from '../config/validate.js';
import { ConfigError } from '../errors.js';
import { eventSpec } from '../events.js';
import { ensureGroup, httpHandler, isHttpModeRegistration, servedOverHttp, settingsEnv, type HttpMode } from './http-mode.js';
import { unionMatchers } from './matcher-union.js';
import { parseObject, textIfChanged } from './json-text.js';

type Json = Record<string, unknown>;

/** Seconds added to the slowest chain of hooks for the executor's own start-up and kill grace. */
export const TIMEOUT_MARGIN_S = 5;

const REGISTRATION = /hook-executor(?:\.js)?["']?\s+run\s+--event[\s=]|hook-executor-run["']?\s+--event[\s=]/;

/** A handler install wrote: `run --event` (command mode), the launcher (forward mode) or, for http mode, the server's http hooks and `serve --ensure`. */
export function isRegistration(handler: unknown): boolean {
  const h = handler as Json | null;
  if (typeof h?.command === 'string' && Array.isArray(h.args)) return /(^|\/)hook-executor-run$/.test(h.command) && h.args[0] === '--event';
  return (typeof h?.command === 'string' && REGISTRATION.test(h.command)) || isHttpModeRegistration(h);
}

/**
 * Forward mode's handler: the launcher in exec form (`args`: Claude Code starts it with no shell in
 * between, a fork and a `/bin/sh` start less on every event). A Claude Code without exec form would
 * run `command` through the shell without the arguments; the launcher then takes the event from the
 * input's hook_event_name, as `run` does.
 */
function launcherHandler(launcher: string, event: string, timeout: number): Json {
  return { type: 'command', command: launcher, args: ['--event', event], timeout };
}

export interface InstallInput {
  readonly settingsText?: string;
  readonly executorText?: string;
  /** Display names for messages. */
  readonly settingsFile: string;
  readonly executorFile: string;
  /** How settings run the executor, e.g. `hook-executor` or a quoted absolute path. */
  readonly command: string;
  /** Register http hooks to `hook-executor serve` (see http-mode.ts); command hooks when undefined. */
  readonly http?: HttpMode;
  /** Command hooks run this launcher (an absolute path, in exec form) instead of `<command> run`, plus SessionStart `serve --ensure`. */
  readonly forward?: { readonly launcher: string };
}

export interface InstallPlan {
  readonly settingsText?: string;
  readonly executorText?: string;
  readonly settingsChanged: boolean;
  readonly executorChanged: boolean;
  readonly moved: { readonly event: string; readonly id: string }[];
  /** Handlers left in the settings file and why. */
  readonly kept: { readonly event: string; readonly what: string; readonly why: string }[];
  readonly registered: { readonly event: string; readonly matcher?: string; readonly timeout: number; readonly type: 'command' | 'http' }[];
}

/** Why a handler must stay in Claude Code's settings, or undefined when the executor can run it. */
function whyKeep(handler: Json, event: string, file: string): string | undefined {
  const type = handler.type ?? (handler.command !== undefined ? 'command' : undefined);
  if (type !== 'command' && type !== 'http') return `type ${JSON.stringify(type)} runs only in Claude Code`;
  if (handler.async !== undefined || handler.asyncRewake !== undefined) return 'async hooks deliver output on the next turn, which only Claude Code can do';
  if (handler.once !== undefined) return '"once" is for skills';
  try {
    validateConfigFile({ hooks: { [event]: [{ hooks: [handler] }] } }, file);
  } catch (error) {
    if (error instanceof ConfigError) return error.problem;
    throw error;
  }
  return undefined;
}

function describe(handler: Json): string {
  return String(handler.command ?? handler.url ?? handler.prompt ?? handler.type ?? 'handler').slice(0, 60);
}

function registrationFor(
  event: string,
  groups: readonly Json[],
  input: InstallInput,
): { group: Json; matcher?: string; timeout: number; type: 'command' | 'http' } {
  const { executorFile, command } = input;
  const spec = eventSpec(event);
  const config = mergeConfigFiles([validateConfigFile({ hooks: { [event]: groups } }, executorFile)]);
  const handlers = config.events.get(event) ?? [];
  const { total } = criticalPath(handlers.map((h) => ({ id: h.id, after: h.after, weight: h.background ? 0 : (h.timeout ?? spec.defaultTimeoutS) })));
  const timeout = Math.min(MAX_TIMEOUT_S, Math.ceil(total + TIMEOUT_MARGIN_S)); // Claude Code's timer has Node's limit too
  const matcher = spec.matcherField === undefined ? undefined : unionMatchers(groups.map((g) => g.matcher as string | undefined), spec.strictExactSet);
  const http = input.http !== undefined && servedOverHttp(event, input.http);
  const handler = http
    ? httpHandler(event, input.http!.port, timeout)
    : input.forward
      ? launcherHandler(input.forward.launcher, event, timeout)
      : { type: 'command', command: `${command} run --event ${event}`, timeout };
  return {
    group: { ...(matcher === undefined ? {} : { matcher }), hooks: [handler] },
    ...(matcher === undefined ? {} : { matcher }),
    timeout,
    type: http ? 'http' : 'command',
  };
}

export function planInstall(input: InstallInput): InstallPlan {
  const settings = parseObject(input.settingsText, input.settingsFile);
  const executor = parseObject(input.executorText, input.executorFile);
  validateConfigFile(executor, input.executorFile); // refuse to build on a broken executor file
  const settingsHooks = (settings.hooks ?? {}) as Json;
  if (typeof settingsHooks !== 'object' || Array.isArray(settingsHooks)) {
    throw new ConfigError('SETTINGS_INVALID', input.settingsFile, 'hooks', 'must be an object of event names');
  }
  const executorHooks = { ...((executor.hooks ?? {}) as Json) };
  const moved: InstallPlan['moved'][number][] = [];
  const kept: InstallPlan['kept'][number][] = [];
  const registered: InstallPlan['registered'][number][] = [];
  const newSettingsHooks: Json = {};

  const events = [...new Set([...Object.keys(settingsHooks), ...Object.keys(executorHooks)])];
  for (const event of events) {
    const groups = settingsHooks[event];
    const remaining: Json[] = [];
    if (Array.isArray(groups)) {
      const target = [...((executorHooks[event] as Json[] | undefined) ?? [])];
      const taken = new Set(target.flatMap((g) => ((g.hooks as Json[] | undefined) ?? []).map((h) => h.id as string)).filter(Boolean));
      for (const group of groups as Json[]) {
        const handlers = Array.isArray(group?.hooks) ? (group.hooks as Json[]) : undefined;
        if (!handlers) {
          remaining.push(group);
          continue;
        }
        const stay: Json[] = [];
        const go: Json[] = [];
        for (const handler of handlers) {
          if (isRegistration(handler)) continue; // ours: rebuilt below
          const why = whyKeep(handler, event, input.settingsFile);
          if (why) {
            stay.push(handler);
            kept.push({ event, what: describe(handler), why });
            continue;
          }
          let id = typeof handler.id === 'string' ? handler.id : deriveId(handler as unknown as HandlerDraft);
          const base = id;
          for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
          taken.add(id);
          const { id: _old, ...rest } = handler;
          go.push({ id, ...rest });
          moved.push({ event, id });
        }
        if (stay.length) remaining.push({ ...group, hooks: stay });
        if (go.length) target.push({ ...(group.matcher === undefined ? {} : { matcher: group.matcher }), hooks: go });
      }
      if (target.length) executorHooks[event] = target;
    } else if (groups !== undefined) {
      newSettingsHooks[event] = groups; // not ours to judge
      continue;
    }
    const executorGroups = (executorHooks[event] as Json[] | undefined) ?? [];
    if (executorGroups.some((g) => ((g.hooks as unknown[] | undefined) ?? []).length > 0)) {
      const reg = registrationFor(event, executorGroups, input);
      remaining.push(reg.group);
      registered.push({ event, ...(reg.matcher === undefined ? {} : { matcher: reg.matcher }), timeout: reg.timeout, type: reg.type });
    }
    if (remaining.length) newSettingsHooks[event] = remaining;
  }

  if (input.http || input.forward)
    newSettingsHooks.SessionStart = [ensureGroup(input.command), ...((newSettingsHooks.SessionStart as Json[] | undefined) ?? [])];
  const newSettings: Json = { ...settings };
  if (Object.keys(newSettingsHooks).length || settings.hooks !== undefined) newSettings.hooks = newSettingsHooks;
  const env = settingsEnv(settings.env, input.http);
  if (env === undefined) delete newSettings.env;
  else newSettings.env = env;
  const newExecutor: Json = { ...executor, hooks: executorHooks };
  // Check the result the way `run` will read it (ids unique, graph sound).
  mergeConfigFiles([validateConfigFile(newExecutor, input.executorFile)]);
  const settingsText = textIfChanged(newSettings, input.settingsText);
  const executorText = Object.keys(executorHooks).length || input.executorText !== undefined ? textIfChanged(newExecutor, input.executorText) : undefined;
  return {
    ...(settingsText === undefined ? {} : { settingsText }),
    ...(executorText === undefined ? {} : { executorText }),
    settingsChanged: settingsText !== input.settingsText && !(input.settingsText === undefined && registered.length === 0),
    executorChanged: executorText !== input.executorText,
    moved,
    kept,
    registered,
  };
}
