// The executor's configuration after validation: Claude Code's `hooks` schema plus ids and edges.

export type HandlerType = 'command' | 'http' | 'module';

/** One hook handler, normalized, in config order within its event. */
export interface HandlerConfig {
  /** Unique within the event: the configured `id`, or one derived from the command. */
  readonly id: string;
  /** True when `id` was derived rather than written in the file. */
  readonly autoId: boolean;
  readonly type: HandlerType;
  /** Shell form (`sh -c`) when `args` is absent; the executable in exec form. */
  readonly command?: string;
  /** Exec form: the arguments, no shell. */
  readonly args?: readonly string[];
  /** `shell: "bash"` runs shell form through bash instead of sh. */
  readonly shell?: 'sh' | 'bash';
  readonly url?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly allowedEnvVars?: readonly string[];
  /** Module hooks: the ES module's path as written (relative to `baseDir`; `${CLAUDE_PROJECT_DIR}` and `~/` expand). */
  readonly module?: string;
  /** Module hooks: the export to call. @default 'default' */
  readonly exportName?: string;
  /** Module hooks: run in a worker thread that is terminated on timeout (survives a synchronous hang). */
  readonly isolate?: boolean;
  /** The directory of the config file it came from (module paths resolve against it). */
  readonly baseDir?: string;
  /** Seconds, as written; undefined = the event's default. */
  readonly timeout?: number;
  /** A permission rule such as `Bash(git *)`. */
  readonly if?: string;
  /** Ids (same event) this handler waits for. */
  readonly after: readonly string[];
  /** Fire and forget: started detached, never waited for, no decision. */
  readonly background: boolean;
  /** A gate: its answers can stop an action, so the breaker never skips it (see breaker/). */
  readonly gate?: boolean;
  /** This hook's breaker rule over the file's (`false`: never skipped). */
  readonly breaker?: Partial<BreakerSettings> | false;
  /** The matcher of the handler's group (undefined = omitted). */
  readonly matcher?: string;
  /** Display name of the file it came from. */
  readonly file: string;
  /** JSON path inside that file, e.g. `hooks.PreToolUse[0].hooks[2]`. */
  readonly jsonPath: string;
}

/** The circuit breaker's rule: open after `after` timeouts or crashes in a row, for `coolOff` seconds. */
export interface BreakerSettings {
  /** Timeouts or crashes in a row that open the breaker. @default 3 */
  readonly after: number;
  /** Seconds a hook is skipped before one trial run. @default 600 */
  readonly coolOff: number;
}

/** Options at the top level of the file. */
export interface ExecutorOptions {
  /** Hooks running at once. @default Infinity (all) */
  readonly concurrency: number;
  /** Cancel running siblings as soon as a hook blocks or denies. @default false */
  readonly failFast: boolean;
  /** On a broken config exit 2 (blocking) instead of 1 (non-blocking). @default false */
  readonly failClosed: boolean;
  /** The circuit breaker for hooks that keep timing out or crashing (`false`: off). @default { after: 3, coolOff: 600 } */
  readonly breaker: BreakerSettings | false;
}

export interface ExecutorConfig extends ExecutorOptions {
  /** Display names of the files read, in load order. */
  readonly files: readonly string[];
  /** Event name → handlers in config order. */
  readonly events: ReadonlyMap<string, readonly HandlerConfig[]>;
}

/** A file before merging, as read from disk. */
export interface ConfigFile {
  readonly file: string;
  readonly events: ReadonlyMap<string, readonly HandlerDraft[]>;
  /** As written: a file may set some of the breaker's fields, the others come from earlier files or the defaults. */
  readonly options: Partial<Omit<ExecutorOptions, 'breaker'>> & { readonly breaker?: Partial<BreakerSettings> | false };
}

/** A handler before ids are assigned across files. */
export type HandlerDraft = Omit<HandlerConfig, 'id' | 'autoId'> & { readonly id?: string };
