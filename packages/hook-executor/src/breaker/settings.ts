// Which breaker rule a hook follows: its own `breaker` over the file's, none for background hooks
// (never waited for) or when either says `false`.
import type { BreakerSettings, ExecutorOptions, HandlerConfig } from '../config/types.js';

export function breakerSettings(options: Pick<ExecutorOptions, 'breaker'>, handler: HandlerConfig): BreakerSettings | undefined {
  if (handler.background || options.breaker === false || handler.breaker === false) return undefined;
  return handler.breaker ? { ...options.breaker, ...handler.breaker } : options.breaker;
}
