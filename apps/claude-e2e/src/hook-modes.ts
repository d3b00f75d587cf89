// The same hooks, registered two ways: directly in Claude Code's settings (Claude Code
// runs them itself) or through hook-executor (Claude Code runs one command per event,
// which runs the hooks from .claude/hook-executor.json).
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { packageDir } from './claude-binary.js';
import { ClaudeE2eError } from './errors.js';

/** A hook handler as in Claude Code's settings, plus hook-executor's optional fields. */
export interface HookHandler {
  readonly type: string;
  readonly command?: string;
  readonly id?: string;
  readonly after?: readonly string[];
  readonly [field: string]: unknown;
}

export interface MatcherGroup {
  readonly matcher?: string;
  readonly hooks: readonly HookHandler[];
}

/** Claude Code's `hooks` setting: event name → matcher groups. */
export type HooksConfig = Readonly<Record<string, readonly MatcherGroup[]>>;

export type HookMode = 'direct' | 'executor';
export const HOOK_MODES: readonly HookMode[] = ['direct', 'executor'];

export interface HookSetup {
  /** The settings for `--settings`. */
  readonly settings: { readonly hooks: HooksConfig };
  /** Files to add to the project dir (the executor's config in executor mode). */
  readonly files: Readonly<Record<string, string>>;
}

/** Where hook-executor reads a project's hooks from. */
export const EXECUTOR_CONFIG_PATH = '.claude/hook-executor.json';

const EXECUTOR_ONLY_FIELDS = new Set(['id', 'after', 'background']);

/** hook-executor's bin, through this package's workspace dependency on it. */
export function hookExecutorBin(): string {
  const linked = path.join(packageDir, 'node_modules/@fanout/hook-executor');
  const dir = existsSync(linked) ? realpathSync(linked) : path.resolve(packageDir, '../../packages/hook-executor');
  const bin = path.join(dir, 'bin/hook-executor.js');
  if (!existsSync(path.join(dir, 'dist/cli.js'))) {
    throw new ClaudeE2eError(
      'USAGE',
      `hook-executor is not built (${path.join(dir, 'dist/cli.js')} is missing); run \`npx tsc -p tsconfig.build.json\` in ${dir}`,
    );
  }
  return bin;
}

function shellWord(word: string): string {
  return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** What `install --mode forward` registers for `event`: the launcher that forwards to a warm server, in exec form (no shell). */
export function launcherHandler(event: string, bin = hookExecutorBin()): HookHandler {
  return { type: 'command', command: path.join(path.dirname(bin), 'hook-executor-run'), args: ['--event', event] };
}

/** The command line Claude Code runs for `event` in executor mode. */
export function executorCommand(event: string, bin = hookExecutorBin()): string {
  return `node ${shellWord(bin)} run --event ${shellWord(event)}`;
}

function withoutExecutorFields(hooks: HooksConfig): HooksConfig {
  return Object.fromEntries(
    Object.entries(hooks).map(([event, groups]) => [
      event,
      groups.map((group) => ({
        ...group,
        hooks: group.hooks.map((handler) => Object.fromEntries(Object.entries(handler).filter(([key]) => !EXECUTOR_ONLY_FIELDS.has(key))) as HookHandler),
      })),
    ]),
  );
}

/**
 * Settings and project files that register `hooks` one way or the other. In executor mode
 * each event gets one command hook without a matcher (hook-executor applies the matchers).
 */
export function hookSetup(mode: HookMode, hooks: HooksConfig, options: { handler?: (event: string) => HookHandler } = {}): HookSetup {
  if (mode === 'direct') return { settings: { hooks: withoutExecutorFields(hooks) }, files: {} };
  if (mode !== 'executor') throw new ClaudeE2eError('USAGE', `Expected \`mode\` to be "direct" or "executor", got ${JSON.stringify(mode)}`);
  const bin = hookExecutorBin();
  const handler = options.handler ?? ((event: string): HookHandler => ({ type: 'command', command: executorCommand(event, bin) }));
  const registered = Object.fromEntries(Object.keys(hooks).map((event) => [event, [{ hooks: [handler(event)] }]]));
  return { settings: { hooks: registered }, files: { [EXECUTOR_CONFIG_PATH]: `${JSON.stringify({ hooks }, null, 2)}\n` } };
}
