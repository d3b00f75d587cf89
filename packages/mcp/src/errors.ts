// One error class for what fanout-mcp itself refuses (arguments, a missing key): every error a tool
// returns is one line, and `code` says which kind it is.

export type McpToolErrorCode = 'INVALID_ARGUMENT' | 'NO_CREDENTIALS' | 'FAILED';

export class McpToolError extends Error {
  readonly code: McpToolErrorCode;
  constructor(code: McpToolErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'McpToolError';
    this.code = code;
  }
}

/** A wrong argument: the message names the argument as the tool's schema spells it. */
export function invalidArgument(message: string): McpToolError {
  return new McpToolError('INVALID_ARGUMENT', message);
}
