import type { HookDecision, PermissionDecision } from '../types.js';

export interface PermissionRequestDecision {
  readonly behavior: 'allow' | 'deny';
  readonly updatedInput?: Record<string, unknown>;
  readonly updatedPermissions?: readonly unknown[];
  readonly message?: string;
  readonly interrupt?: boolean;
}

/** A block (exit 2 or `decision: "block"`). */
export interface BlockOutcome {
  /** The reason: the JSON reason, or stderr trimmed. */
  readonly reason: string;
  readonly via: 'exit2' | 'json';
  /** Exit 2: the hook's command and its stderr as written, for Claude Code's `[command]: stderr` framing. */
  readonly label?: string;
  readonly raw?: string;
}

/** What one hook said, as Claude Code would read its exit code and output (spec §4). */
export interface HookOutcome {
  readonly id: string;
  readonly permission?: PermissionDecision;
  readonly permissionReason?: string;
  /** A block (exit 2 or `decision: "block"`) and its reason. */
  readonly block?: BlockOutcome;
  /** `additionalContext`, or plain stdout on events where it becomes context. */
  readonly context?: string;
  /** The context came from plain stdout (Claude Code labels it differently). */
  readonly plainContext?: boolean;
  readonly systemMessage?: string;
  /** `continue: false`. */
  readonly stop?: { readonly stopReason?: string };
  readonly updatedInput?: Record<string, unknown>;
  readonly permissionRequest?: PermissionRequestDecision;
  /** Other event-specific output fields (sessionTitle, watchPaths…). */
  readonly specific?: Readonly<Record<string, unknown>>;
  readonly terminalSequence?: string;
  /** Exit 2 on events where stderr is shown to the user only. */
  readonly userMessage?: string;
  /** A problem the user must hear about: timeout, crash, non-blocking error, invalid output. */
  readonly notice?: string;
  /** WorktreeCreate: this hook failed (any non-zero exit). */
  readonly failed?: boolean;
  /** WorktreeCreate: the path the hook printed last. */
  readonly worktreePath?: string;
  /** For the record. */
  readonly decision: HookDecision;
}
