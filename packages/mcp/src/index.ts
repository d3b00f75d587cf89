export { createServer, SERVER_NAME, type ServerOptions } from './server.js';
export { serveStdio } from './serve-stdio.js';
export { callTool, errorResult, type CallExtra, type CallOptions, type ToolResult } from './call-tool.js';
export { describeError, toolWording } from './describe-error.js';
export { McpToolError, type McpToolErrorCode } from './errors.js';
export { progressReporter, type ProgressNotification, type ProgressOptions, type ReportProgress } from './progress.js';
export { defineTool, type ToolArgs, type ToolContext, type ToolDefinition, type ToolOutput } from './tool.js';
export { TOOLS } from './tools/index.js';
