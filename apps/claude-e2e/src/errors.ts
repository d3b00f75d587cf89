// One error class for the harness, with a stable `code` so a test failure says which
// part broke: the CLI install, the fake server, or the CLI run itself.

export type ClaudeE2eErrorCode =
  | 'CLAUDE_NOT_INSTALLED'
  | 'CLAUDE_TIMEOUT'
  | 'CLAUDE_BAD_OUTPUT'
  | 'FAKE_SERVER'
  | 'USAGE';

/** Base class of every error thrown by the claude-e2e harness. */
export class ClaudeE2eError extends Error {
  readonly code: ClaudeE2eErrorCode;
  constructor(code: ClaudeE2eErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClaudeE2eError';
    this.code = code;
  }
}
