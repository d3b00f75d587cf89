import path from 'node:path';
import type { HandlerDraft } from './types.js';

// Words that launch the interesting part rather than being it: `node scripts/lint.js` → "lint".
const LAUNCHERS = new Set([
  'node', 'python', 'python3', 'bash', 'sh', 'zsh', 'npx', 'pnpm', 'pnpx', 'npm', 'yarn', 'bun', 'bunx', 'deno',
  'uv', 'uvx', 'ruby', 'perl', 'exec', 'env', 'run', 'exec', 'dlx', 'time', 'nice', 'timeout',
]);

function tokens(handler: HandlerDraft): string[] {
  if (handler.type === 'http') {
    try {
      return [new URL(handler.url ?? '').hostname];
    } catch {
      return [];
    }
  }
  if (handler.type === 'module') return [handler.module ?? ''];
  const command = handler.command ?? '';
  if (handler.args) return [command, ...handler.args];
  return command.split(/[\s;&|()<>"']+/).filter(Boolean);
}

/** A readable id derived from what the handler runs: `"$CLAUDE_PROJECT_DIR"/.claude/hooks/format.sh` → "format". */
export function deriveId(handler: HandlerDraft): string {
  for (const token of tokens(handler)) {
    if (token.startsWith('-') || token.startsWith('$') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(token) || /^[\d.]+$/.test(token)) continue;
    const base = path.posix.basename(token.replace(/\\/g, '/'));
    if (LAUNCHERS.has(base)) continue;
    const slug = base
      .replace(/\.[A-Za-z0-9]{1,4}$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32);
    if (slug) return slug;
  }
  return 'hook';
}

/**
 * Ids for one event's handlers in config order: written ids are kept, the rest are derived from
 * the command and made unique with -2, -3… (stable as long as the config order is).
 */
export function assignIds(handlers: readonly HandlerDraft[]): { id: string; autoId: boolean }[] {
  const taken = new Set(handlers.flatMap((h) => (h.id === undefined ? [] : [h.id])));
  return handlers.map((handler) => {
    if (handler.id !== undefined) return { id: handler.id, autoId: false };
    const base = deriveId(handler);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return { id, autoId: true };
  });
}
