import type { HandlerConfig } from '../config/types.js';

const PLACEHOLDER = /\$\{(CLAUDE_PROJECT_DIR|CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA)\}|\$(CLAUDE_PROJECT_DIR|CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA)\b/g;

function substitute(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(PLACEHOLDER, (whole, a?: string, b?: string) => env[(a ?? b)!] ?? whole);
}

/**
 * What to spawn: exec form (`args` present, no shell, placeholders substituted per element) or
 * shell form (`sh -c command`, the shell expands variables itself).
 */
export function commandLine(handler: HandlerConfig, env: NodeJS.ProcessEnv): { file: string; args: string[] } {
  const command = handler.command ?? '';
  if (handler.args) return { file: substitute(command, env), args: handler.args.map((a) => substitute(a, env)) };
  return { file: handler.shell === 'bash' ? 'bash' : 'sh', args: ['-c', command] };
}
