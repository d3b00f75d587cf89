// What every tool is: a name, a description and argument schema a model can act on, and a run
// function that gets the parsed arguments plus the call's signal and progress reporter.
import type { z, ZodRawShape } from 'zod';
import type { ReportProgress } from './progress.js';

export interface ToolContext {
  /** Aborted when the client cancels the call (or disconnects): in-flight HTTP requests close. */
  readonly signal: AbortSignal;
  readonly progress: ReportProgress;
  /** Where relative paths in arguments are resolved (the server's working directory). */
  readonly cwd: string;
}

/** A tool's answer: readable text for the model, the same as data for programs. */
export interface ToolOutput {
  readonly text: string;
  readonly data: Record<string, unknown>;
  /** The call did not do its job (e.g. every persona failed), though it ran to the end. */
  readonly isError?: boolean;
}

export type ToolArgs<Shape extends ZodRawShape> = z.infer<z.ZodObject<Shape>>;

export interface ToolDefinition<Shape extends ZodRawShape = ZodRawShape> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Arguments; unknown ones are refused (a model that invents `api_key` hears so). */
  readonly inputSchema: Shape;
  /** MCP hint for clients: the tool only reads (files, the hook store); it writes nothing. */
  readonly readOnly: boolean;
  run(args: ToolArgs<Shape>, context: ToolContext): Promise<ToolOutput>;
}

/** Keeps a tool's argument types while letting the server hold tools of different shapes. */
export function defineTool<Shape extends ZodRawShape>(tool: ToolDefinition<Shape>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}
