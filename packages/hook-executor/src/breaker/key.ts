// Which breaker a hook has. The id alone is not enough: two projects may both have a "lint" hook,
// and a hook whose command was edited (perhaps fixed) deserves a fresh start. So the key is the
// event and id, plus a hash of where the hook is configured and what it runs.
import path from 'node:path';
import type { HandlerConfig } from '../config/types.js';

/** FNV-1a, 32 bits: cheap, no crypto module on the path of every event. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** The config file as a path that tells projects apart (a project file's display name is relative to its project). */
export function configPlace(handler: Pick<HandlerConfig, 'file'>, projectDir: string): string {
  return handler.file.startsWith('~/') || path.isAbsolute(handler.file) ? handler.file : path.join(projectDir, handler.file);
}

function runs(handler: HandlerConfig): string {
  if (handler.type === 'http') return `http ${handler.url}`;
  if (handler.type === 'module') return `module ${handler.module}#${handler.exportName ?? 'default'}`;
  return `${handler.shell ?? 'sh'} ${handler.command}${handler.args ? JSON.stringify(handler.args) : ''}`;
}

/** `UserPromptSubmit/slow#1x2y3z`: event, id, and a hash of the config file and the command. */
export function breakerKey(event: string, handler: HandlerConfig, projectDir: string): string {
  return `${event}/${handler.id}#${fnv1a(`${configPlace(handler, projectDir)}\0${runs(handler)}`)}`;
}
