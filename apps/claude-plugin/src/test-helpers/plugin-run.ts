// Running the real Claude Code CLI with this plugin loaded (`--plugin-dir`), and reading what the
// fake model was told by the plugin's hooks.
import { messageRequests, runClaude, type ClaudeRun, type RecordedRequest, type RunClaudeOptions } from '@fanout/claude-e2e';
import { PLUGIN_ROOT } from '../plugin-root.js';

export type PluginRunOptions = Omit<RunClaudeOptions, 'settings'> & { readonly settings?: RunClaudeOptions['settings']; readonly pluginDir?: string };

/** `claude -p` with `--plugin-dir <plugin>` (this checkout's plugin unless `pluginDir` says otherwise). */
export function runWithPlugin(options: PluginRunOptions): Promise<ClaudeRun> {
  const { pluginDir = PLUGIN_ROOT, extraArgs = [], settings = {}, ...rest } = options;
  return runClaude({ ...rest, settings, extraArgs: ['--plugin-dir', pluginDir, ...extraArgs] });
}

/** Every text block of every message of the last main-conversation request, in order. */
export function lastRequestTexts(requests: readonly RecordedRequest[], isMain: (r: RecordedRequest) => boolean = () => true): string[] {
  const last = messageRequests(requests).filter(isMain).at(-1);
  const messages = (last?.body as { messages?: { content?: unknown }[] } | undefined)?.messages ?? [];
  const texts: string[] = [];
  for (const message of messages) {
    const content = message.content;
    if (typeof content === 'string') texts.push(content);
    else if (Array.isArray(content)) {
      for (const block of content as { type?: string; text?: unknown; content?: unknown }[]) {
        if (typeof block.text === 'string') texts.push(block.text);
        else if (block.type === 'tool_result') texts.push(typeof block.content === 'string' ? block.content : JSON.stringify(block.content));
      }
    }
  }
  return texts;
}

/** The hook notes Claude Code wrapped in `<system-reminder>` (e.g. PreToolUse additional context). */
export function systemReminders(texts: readonly string[]): string[] {
  return texts.flatMap((text) => [...text.matchAll(/<system-reminder>\n?([\s\S]*?)\n?<\/system-reminder>/g)].map((m) => m[1]!.trim()));
}

/** The hook_response events (stream-json) of one event, e.g. 'PreToolUse'. */
export function hookResponses(run: ClaudeRun, event: string): Record<string, unknown>[] {
  return run.events.filter((e) => e.subtype === 'hook_response' && e.hook_event === event);
}
