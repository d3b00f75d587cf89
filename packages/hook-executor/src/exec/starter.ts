import type { ChildProcess } from 'node:child_process';
import type { HookStart } from '@fanout/hook-monitor';
import type { HandlerConfig } from '../config/types.js';

/**
 * Something that can start a command hook faster than a spawn (serve's warm shells, pre-started
 * interpreters): a process already running, about to become `file args` in `cwd` with `env` — the
 * same pid, group and pipes runCommand would have had — or undefined, and the caller spawns.
 */
export interface ProcessStarter {
  take(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, handler?: HandlerConfig): ChildProcess | undefined;
}

const startedBy = new WeakMap<ChildProcess, HookStart>();

/** How a process a starter handed out was started (for the record); undefined for a plain spawn. */
export function startOf(child: ChildProcess): HookStart | undefined {
  return startedBy.get(child);
}

/** The first starter that takes the hook, in order; each named by how it starts one. */
export function firstOf(...starters: readonly (readonly [HookStart, ProcessStarter | undefined])[]): ProcessStarter {
  const list = starters.filter((s): s is readonly [HookStart, ProcessStarter] => s[1] !== undefined);
  return {
    take(file, args, cwd, env, handler) {
      for (const [kind, starter] of list) {
        const child = starter.take(file, args, cwd, env, handler);
        if (child) {
          startedBy.set(child, kind);
          return child;
        }
      }
      return undefined;
    },
  };
}
