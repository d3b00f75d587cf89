// How `serve` (and a `run` forwarded to it) would start a hook, for `check`: in a pre-started
// interpreter, from a warm shell, or in-process — and for interpreter hooks that must start cold, why.
import type { HandlerConfig } from '../config/types.js';
import { PrestartedInterpreters } from '../exec/prestart/interpreter-pool.js';

export interface StartWay {
  readonly way: 'pre-started python' | 'pre-started node' | 'warm shell' | 'cold' | 'in-process' | 'http';
  /** Why an interpreter hook cannot be pre-started. */
  readonly why?: string;
}

const NOT_AN_INTERPRETER = 'not a python3 or node command';

export function startWay(handler: HandlerConfig, cwd: string, env: NodeJS.ProcessEnv): StartWay {
  if (handler.type === 'module') return { way: 'in-process' };
  if (handler.type === 'http') return { way: 'http' };
  const verdict = PrestartedInterpreters.verdict(handler, cwd, env);
  if ('shape' in verdict) return { way: verdict.shape.kind === 'python' ? 'pre-started python' : 'pre-started node' };
  // A shell command mentioning an interpreter (`cd x && python3 y.py`) is worth a word; `sleep 1` is not.
  if (verdict.cold === NOT_AN_INTERPRETER || !/\b(python[0-9.]*|node)\b/.test(handler.command ?? '')) return { way: 'warm shell' };
  return { way: 'cold', why: verdict.cold };
}

export function startWayText(way: StartWay): string {
  return way.why ? `${way.way}: ${way.why}` : way.way;
}
