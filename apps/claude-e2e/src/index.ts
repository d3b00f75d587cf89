export { ClaudeE2eError, type ClaudeE2eErrorCode } from './errors.js';
export { PINNED_CLAUDE_VERSION, claudeBinary } from './claude-binary.js';
export type { RecordedRequest } from './recorded-request.js';
export type { ScriptedTurn, ToolUseTurn, Turn } from './script.js';
export { startFakeAnthropic, type FakeAnthropic, type FakeAnthropicOptions } from './fake-anthropic.js';
export { hookNotes, markersInOrder, messageRequests, receivedText, requestText, toolResults, type HookNote, type ReceivedToolResult } from './received.js';
export { runClaude, type ClaudeResult, type ClaudeRun, type ProjectFile, type RunClaudeOptions, type RunContext } from './run-claude.js';
export {
  EXECUTOR_CONFIG_PATH,
  HOOK_MODES,
  executorCommand,
  launcherHandler,
  hookExecutorBin,
  hookSetup,
  type HookHandler,
  type HookMode,
  type HookSetup,
  type HooksConfig,
  type MatcherGroup,
} from './hook-modes.js';
export { observe, stripHookCommands, unordered, type Observation } from './observe.js';
export { TOKEN_VAR, httpHookSetup, startExecutorServer, type ExecutorServer } from './executor-server.js';
export { startClaudeSession, type ClaudeSession, type ClaudeSessionOptions, type PromptTiming } from './claude-session.js';
