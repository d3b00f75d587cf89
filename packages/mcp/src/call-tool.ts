// Runs one tool call: the tool's own code inside a frame that turns any failure into an `isError`
// result of one line (the server never crashes, and one call's failure touches no other), reports
// progress, and takes every secret of the environment out of what goes back.
import { describeError } from './describe-error.js';
import { progressReporter, type ProgressNotification } from './progress.js';
import type { ToolDefinition, ToolOutput } from './tool.js';

/** The MCP `CallToolResult` this server sends. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** What the SDK hands a tool callback (the parts used here). */
export interface CallExtra {
  readonly signal: AbortSignal;
  readonly _meta?: { progressToken?: string | number | undefined } | undefined;
  sendNotification(notification: ProgressNotification): Promise<void>;
}

export interface CallOptions {
  readonly cwd?: string;
  /** Told about bugs (a stack to debug from; secrets already removed). @default stderr */
  readonly log?: (line: string) => void;
}

type Redact = (text: string) => string;

async function redactor(): Promise<Redact> {
  const { redact, secretsFromEnv } = await import('@fanout/oracle');
  const secrets = secretsFromEnv(process.env);
  return (text) => redact(text, secrets);
}

function success(output: ToolOutput, redact: Redact): ToolResult {
  const json = JSON.stringify(output.data);
  const clean = redact(json);
  return {
    content: [{ type: 'text', text: redact(output.text) }],
    structuredContent: clean === json ? output.data : (JSON.parse(clean) as Record<string, unknown>),
    ...(output.isError ? { isError: true } : {}),
  };
}

export function errorResult(line: string): ToolResult {
  return { content: [{ type: 'text', text: line }], isError: true };
}

export async function callTool(tool: ToolDefinition, args: unknown, extra: CallExtra, options: CallOptions = {}): Promise<ToolResult> {
  const redact = await redactor();
  const progress = progressReporter({ token: extra._meta?.progressToken, send: (n) => extra.sendNotification(n) });
  try {
    const output = await tool.run(args as never, { signal: extra.signal, progress, cwd: options.cwd ?? process.cwd() });
    return success(output, redact);
  } catch (error) {
    const line = redact(describeError(error));
    if (line.startsWith('internal error:')) {
      const log = options.log ?? ((text: string) => process.stderr.write(`${text}\n`));
      log(redact(`fanout-mcp: ${tool.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    }
    return errorResult(line);
  }
}
