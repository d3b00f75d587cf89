// Gates: hooks whose answers can stop an action. The breaker never skips one silently: it keeps
// running (the action waits for it as before), or under `failClosed` its open breaker blocks.
import type { BreakerEntry } from '@fanout/hook-monitor/breaker';
import type { HandlerConfig } from '../config/types.js';

/** Why a hook counts as a gate, or undefined when it does not. */
export function gateReason(handler: Pick<HandlerConfig, 'gate'>, entry: Pick<BreakerEntry, 'blocked'> | undefined): string | undefined {
  if (handler.gate) return 'marked gate: true';
  if (entry?.blocked) return 'it has denied or blocked before';
  return undefined;
}
