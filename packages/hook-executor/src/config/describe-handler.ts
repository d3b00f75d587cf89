import type { HandlerConfig } from './types.js';

/** What a handler runs, as `list` and `check` show it: the command line, `POST <url>` or `module <path>[#export]`. */
export function handlerText(h: Pick<HandlerConfig, 'type' | 'url' | 'command' | 'args' | 'module' | 'exportName'>): string {
  if (h.type === 'http') return `POST ${h.url}`;
  if (h.type === 'module') return `module ${h.module}${h.exportName && h.exportName !== 'default' ? `#${h.exportName}` : ''}`;
  return h.args ? [h.command, ...h.args].join(' ') : (h.command ?? '');
}
