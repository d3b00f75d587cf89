// The library: what `run` and `serve` share (executeEvent on a loaded config), the server without
// the CLI's lifecycle, and the types of what they take and return. The CLI's parts stay internal.
export { executeEvent } from './execute-event.js';
export type { ExecuteOptions, ExecuteResult } from './execute-event.js';
export { loadConfig } from './config/load.js';
export { configLocations, resolveProjectDir } from './config/paths.js';
export type { ConfigLocation } from './config/paths.js';
export type { ExecutorConfig, ExecutorOptions, HandlerConfig, HandlerType } from './config/types.js';
export type { PlannedHook, Selection } from './match/select.js';
export type { MergedResult } from './result/merge.js';
export type { EmittedOutput } from './result/emit.js';
export type { HookOutcome, BlockOutcome, PermissionRequestDecision } from './result/outcome.js';
export { runCommand } from './exec/run-command.js';
export { startHookServer } from './serve/hook-server.js';
export type { HookServer, HookServerOptions, ServerStats } from './serve/hook-server.js';
export { httpAnswer } from './serve/http-answer.js';
export type { HttpAnswer } from './serve/http-answer.js';
export type { RunCommandOptions } from './exec/run-command.js';
export type { HookReport } from './record.js';
export { HookExecutorError, ConfigError } from './errors.js';
export type { HookExecutorErrorCode } from './errors.js';
export type { HookInput, HandlerRun, HookDecision, PermissionDecision } from './types.js';
export { PrestartedInterpreters } from './exec/prestart/interpreter-pool.js';
export type { InterpreterPoolOptions, InterpreterStats } from './exec/prestart/interpreter-pool.js';
export type { ProcessStarter } from './exec/starter.js';
export type { BreakerOptions } from './breaker/event-breaker.js';
export type { BreakerSettings } from './config/types.js';
export { DEFAULT_BREAKER } from './config/load.js';
