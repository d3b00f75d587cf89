// Which hooks have ever stopped an action (denied, blocked, exit 2, continue: false), from the
// store: hook-executor's breaker never skips such a hook. Synchronous, one file at a time; a line is
// parsed only when it names a wanted hook and holds a stopping answer somewhere.
import fs from 'node:fs';
import { listStoreFiles } from './list-store-files.js';
import { isHookRunRecord } from './validate-record.js';
import type { HookTiming } from './types.js';

const STOPPING = ['"decision":"deny"', '"decision":"block"', '"decision":"continue_false"', '"exit_code":2'];

/** `event\0id` of a hook, the key of findBlockingHooks' answer. */
export function hookKey(event: string, id: string): string {
  return `${event}\0${id}`;
}

function stopped(hook: HookTiming): boolean {
  return hook.skipped === undefined && (hook.exit_code === 2 || hook.decision === 'deny' || hook.decision === 'block' || hook.decision === 'continue_false');
}

/**
 * How many runs of each hook stopped an action, by `hookKey(event, id)`; only hooks that did.
 * @param ids only these hook ids (undefined: every hook)
 */
export function findBlockingHooks(dir: string, ids?: ReadonlySet<string>): Map<string, number> {
  const found = new Map<string, number>();
  const needles = ids === undefined ? undefined : [...ids].map((id) => `"id":${JSON.stringify(id)}`);
  for (const file of listStoreFiles(dir)) {
    let text: string;
    try {
      text = fs.readFileSync(file.path, 'utf8');
    } catch {
      continue; // rotated away meanwhile: its new name is read too
    }
    let from = 0;
    while (from < text.length) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = text.length;
      const line = text.slice(from, to);
      from = to + 1;
      if (!STOPPING.some((s) => line.includes(s))) continue;
      if (needles !== undefined && !needles.some((n) => line.includes(n))) continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        continue;
      }
      if (!isHookRunRecord(record)) continue;
      for (const hook of record.hooks) {
        if ((ids === undefined || ids.has(hook.id)) && stopped(hook)) {
          const key = hookKey(record.event, hook.id);
          found.set(key, (found.get(key) ?? 0) + 1);
        }
      }
    }
  }
  return found;
}
