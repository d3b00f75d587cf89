// What a run shows from outside, reduced to what must match between two ways of
// registering the same hooks: the CLI's result, what the model was sent, and the
// tool results.
import { markersInOrder, messageRequests, requestText, toolResults, type ReceivedToolResult } from './received.js';
import type { ClaudeRun } from './run-claude.js';

export interface Observation {
  readonly exitCode: number | null;
  readonly subtype: string | undefined;
  readonly isError: boolean | undefined;
  readonly numTurns: number | undefined;
  readonly resultText: string | undefined;
  /** How many model requests the fake API received. */
  readonly modelRequests: number;
  readonly toolResults: readonly ReceivedToolResult[];
  readonly permissionDenials: ReadonlyArray<{ toolName: string; toolInput: unknown }>;
  /** The given markers found in the last model request, in the order the model reads them. */
  readonly markers: readonly string[];
}

export function observe(run: ClaudeRun, markers: readonly string[] = []): Observation {
  const last = messageRequests(run.requests).at(-1);
  return {
    exitCode: run.exitCode,
    subtype: run.result?.subtype,
    isError: run.result?.is_error,
    numTurns: run.result?.num_turns,
    resultText: run.result?.result,
    modelRequests: messageRequests(run.requests).length,
    toolResults: toolResults(run.requests),
    permissionDenials: (run.result?.permission_denials ?? []).map((d) => ({ toolName: d.tool_name, toolInput: d.tool_input })),
    markers: last ? markersInOrder(requestText(last.body), markers) : [],
  };
}

/** The observation with markers sorted: for comparing runs whose hooks ran concurrently. */
export function unordered(observation: Observation): Observation {
  return { ...observation, markers: [...observation.markers].sort() };
}

/**
 * Removes the `[<command>]: ` tags Claude Code puts before an exit-2 hook's stderr
 * (they name the hook's command, which differs when hook-executor runs it).
 */
export function stripHookCommands(text: string): string {
  return text.replace(/\[[^\]\n]+\]: /g, '');
}
