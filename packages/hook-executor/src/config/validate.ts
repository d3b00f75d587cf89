import { ConfigError } from '../errors.js';
import { isRegexMatcher } from '../match/matcher.js';
import { jsonPathJoin, showValue } from './json-path.js';
import { breakerField, gateField } from './validate-breaker.js';
import { moduleFields } from './validate-module.js';
import type { ConfigFile, HandlerDraft } from './types.js';

const TOP_KEYS = new Set(['hooks', 'concurrency', 'failFast', 'failClosed', 'breaker', 'description']);
const GROUP_KEYS = new Set(['matcher', 'hooks']);
const COMMON_KEYS = ['type', 'id', 'after', 'background', 'timeout', 'if', 'statusMessage', 'once', 'gate', 'breaker'];
const HANDLER_KEYS: Record<string, Set<string>> = {
  command: new Set([...COMMON_KEYS, 'command', 'args', 'shell']),
  http: new Set([...COMMON_KEYS, 'url', 'headers', 'allowedEnvVars']),
  module: new Set([...COMMON_KEYS, 'module', 'export', 'isolate']),
};
const ID = /^[A-Za-z0-9_.:@/-]{1,80}$/;
/** Node's timers hold at most 2^31-1 ms; a longer one fires after 1 ms (and would kill the hook at once). */
export const MAX_TIMEOUT_S = Math.floor(0x7fffffff / 1000);
const EVENT_NAME = /^[A-Z][A-Za-z0-9]*$/;

type Fail = (jsonPath: string, problem: string) => never;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, allowed: Set<string>, at: string, fail: Fail): void {
  for (const key of Object.keys(value)) {
    if (key.startsWith('$') || key.startsWith('//')) continue; // $schema, comments
    if (!allowed.has(key)) fail(jsonPathJoin(at, key), `is not a known field (expected one of: ${[...allowed].join(', ')})`);
  }
}

function optionalString(value: unknown, at: string, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(at, `must be a string, got ${showValue(value)}`);
  return value;
}

function stringArray(value: unknown, at: string, fail: Fail): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(at, `must be an array of strings, got ${showValue(value)}`);
  value.forEach((item, i) => {
    if (typeof item !== 'string') fail(jsonPathJoin(at, i), `must be a string, got ${showValue(item)}`);
  });
  return value as string[];
}

function validateHandler(raw: unknown, at: string, matcher: string | undefined, file: string, baseDir: string | undefined, fail: Fail): HandlerDraft {
  if (!isObject(raw)) fail(at, `must be an object like {"type":"command","command":"..."}, got ${showValue(raw)}`);
  const type = raw.type ?? (raw.command !== undefined ? 'command' : undefined);
  if (type === undefined) fail(jsonPathJoin(at, 'type'), 'is required ("command", "http" or "module")');
  if (typeof type !== 'string') fail(jsonPathJoin(at, 'type'), `must be a string, got ${showValue(type)}`);
  const allowed = HANDLER_KEYS[type];
  if (!allowed) {
    fail(
      jsonPathJoin(at, 'type'),
      `${showValue(type)} is not supported by hook-executor (it runs "command", "http" and "module" hooks; keep other types in Claude Code's settings)`,
    );
  }
  if (raw.async !== undefined || raw.asyncRewake !== undefined) {
    fail(
      jsonPathJoin(at, raw.async !== undefined ? 'async' : 'asyncRewake'),
      'is not supported: use "background": true (fire and forget), or keep the hook in Claude Code\'s settings',
    );
  }
  checkKeys(raw, allowed, at, fail);

  const id = optionalString(raw.id, jsonPathJoin(at, 'id'), fail);
  if (id !== undefined && !ID.test(id)) fail(jsonPathJoin(at, 'id'), `must be 1-80 characters of letters, digits and _ . : @ / -, got ${showValue(id)}`);
  const after = stringArray(raw.after, jsonPathJoin(at, 'after'), fail) ?? [];
  const background = raw.background ?? false;
  if (typeof background !== 'boolean') fail(jsonPathJoin(at, 'background'), `must be true or false, got ${showValue(background)}`);
  const timeout = raw.timeout;
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0)) {
    fail(jsonPathJoin(at, 'timeout'), `must be a number of seconds, got ${showValue(timeout)}`);
  }
  if (typeof timeout === 'number' && timeout > MAX_TIMEOUT_S) {
    fail(jsonPathJoin(at, 'timeout'), `must be at most ${MAX_TIMEOUT_S} seconds (about 24 days, the longest timer Node has), got ${timeout}`);
  }
  const ifRule = optionalString(raw.if, jsonPathJoin(at, 'if'), fail);
  optionalString(raw.statusMessage, jsonPathJoin(at, 'statusMessage'), fail);
  const gate = gateField(raw.gate, jsonPathJoin(at, 'gate'), fail);
  const breaker = breakerField(raw.breaker, jsonPathJoin(at, 'breaker'), fail);

  const base = {
    ...(id === undefined ? {} : { id }),
    after,
    background,
    ...(timeout === undefined ? {} : { timeout: timeout as number }),
    ...(ifRule === undefined ? {} : { if: ifRule }),
    ...(gate === undefined ? {} : { gate }),
    ...(breaker === undefined ? {} : { breaker }),
    ...(matcher === undefined ? {} : { matcher }),
    file,
    jsonPath: at,
  };

  if (type === 'module') return { ...base, ...moduleFields(raw, at, baseDir, fail) };
  if (type === 'http') {
    const url = optionalString(raw.url, jsonPathJoin(at, 'url'), fail);
    if (!url || !/^https?:\/\//.test(url)) fail(jsonPathJoin(at, 'url'), `must be an http(s) URL, got ${showValue(raw.url)}`);
    let headers: Record<string, string> | undefined;
    if (raw.headers !== undefined) {
      if (!isObject(raw.headers)) fail(jsonPathJoin(at, 'headers'), `must be an object of strings, got ${showValue(raw.headers)}`);
      for (const [k, v] of Object.entries(raw.headers)) {
        if (typeof v !== 'string') fail(jsonPathJoin(jsonPathJoin(at, 'headers'), k), `must be a string, got ${showValue(v)}`);
      }
      headers = raw.headers as Record<string, string>;
    }
    const allowedEnvVars = stringArray(raw.allowedEnvVars, jsonPathJoin(at, 'allowedEnvVars'), fail);
    return { ...base, type: 'http', url, ...(headers ? { headers } : {}), ...(allowedEnvVars ? { allowedEnvVars } : {}) };
  }

  const command = raw.command;
  if (typeof command !== 'string' || command.trim() === '') {
    fail(jsonPathJoin(at, 'command'), `must be a non-empty string, got ${showValue(command)}`);
  }
  const args = stringArray(raw.args, jsonPathJoin(at, 'args'), fail);
  const shell = raw.shell;
  if (shell !== undefined && shell !== 'bash' && shell !== 'sh') {
    fail(jsonPathJoin(at, 'shell'), `must be "bash" or "sh" (PowerShell is not supported), got ${showValue(shell)}`);
  }
  return { ...base, type: 'command', command, ...(args ? { args } : {}), ...(shell ? { shell } : {}) };
}

function validateOptions(root: Record<string, unknown>, fail: Fail): ConfigFile['options'] {
  const options: { -readonly [K in keyof ConfigFile['options']]: ConfigFile['options'][K] } = {};
  const { concurrency, failFast, failClosed } = root;
  if (concurrency !== undefined) {
    if (typeof concurrency !== 'number' || !(Number.isInteger(concurrency) || concurrency === Infinity) || concurrency < 1) {
      fail('concurrency', `must be an integer from 1 and up, got ${showValue(concurrency)}`);
    }
    options.concurrency = concurrency;
  }
  if (failFast !== undefined) {
    if (typeof failFast !== 'boolean') fail('failFast', `must be true or false, got ${showValue(failFast)}`);
    options.failFast = failFast;
  }
  if (failClosed !== undefined) {
    if (typeof failClosed !== 'boolean') fail('failClosed', `must be true or false, got ${showValue(failClosed)}`);
    options.failClosed = failClosed;
  }
  const breaker = breakerField(root.breaker, 'breaker', fail);
  if (breaker !== undefined) options.breaker = breaker;
  return options;
}

/**
 * Validates one parsed file; throws a ConfigError naming the file and the JSON path of the first problem.
 * @param baseDir the file's directory: module hooks' relative paths resolve against it
 */
export function validateConfigFile(raw: unknown, file: string, baseDir?: string): ConfigFile {
  const failClosed = isObject(raw) && raw.failClosed === true;
  const fail: Fail = (jsonPath, problem) => {
    throw new ConfigError('CONFIG_INVALID', file, jsonPath, problem, { failClosed });
  };
  if (!isObject(raw)) fail('', `must hold a JSON object like {"hooks": {...}}, got ${showValue(raw)}`);
  checkKeys(raw, TOP_KEYS, '', fail);
  const options = validateOptions(raw, fail);
  const events = new Map<string, HandlerDraft[]>();
  const hooks = raw.hooks ?? {};
  if (!isObject(hooks)) fail('hooks', `must be an object of event names, got ${showValue(hooks)}`);
  for (const [event, groups] of Object.entries(hooks)) {
    const eventAt = jsonPathJoin('hooks', event);
    if (!EVENT_NAME.test(event)) fail(eventAt, 'is not an event name (e.g. "PreToolUse")');
    if (!Array.isArray(groups)) fail(eventAt, `must be an array of matcher groups like [{"matcher":"Bash","hooks":[...]}], got ${showValue(groups)}`);
    const handlers: HandlerDraft[] = [];
    groups.forEach((group, g) => {
      const groupAt = jsonPathJoin(eventAt, g);
      if (!isObject(group)) fail(groupAt, `must be an object like {"matcher":"Bash","hooks":[...]}, got ${showValue(group)}`);
      checkKeys(group, GROUP_KEYS, groupAt, fail);
      const matcher = optionalString(group.matcher, jsonPathJoin(groupAt, 'matcher'), fail);
      if (matcher !== undefined && isRegexMatcher(matcher)) {
        try {
          new RegExp(matcher);
        } catch (error) {
          fail(jsonPathJoin(groupAt, 'matcher'), `is not a valid regular expression: ${(error as Error).message}`);
        }
      }
      if (!Array.isArray(group.hooks)) fail(jsonPathJoin(groupAt, 'hooks'), `must be an array of handlers, got ${showValue(group.hooks)}`);
      group.hooks.forEach((handler, h) => {
        handlers.push(validateHandler(handler, jsonPathJoin(jsonPathJoin(groupAt, 'hooks'), h), matcher, file, baseDir, fail));
      });
    });
    events.set(event, handlers);
  }
  return { file, events, options };
}
