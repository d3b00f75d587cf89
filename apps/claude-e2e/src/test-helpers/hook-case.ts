// One end-to-end case, run on demand in either hook mode and memoised, so the
// executor test can compare itself with the direct run without running it twice.
import { afterAll } from '@jest/globals';
import { startExecutorServer, type ExecutorServer } from '../executor-server.js';
import { hookSetup, launcherHandler, type HookMode, type HooksConfig } from '../hook-modes.js';
import { runClaude, type ClaudeRun, type ProjectFile } from '../run-claude.js';
import type { Turn } from '../script.js';

/** A hook as a small sh script; `$input` holds the hook's stdin JSON. */
export function shHook(body: string): ProjectFile {
  return { content: `#!/bin/sh\ninput=$(cat)\n${body.trim()}\n`, mode: 0o755 };
}

export interface HookCaseDefinition {
  readonly prompt: string;
  readonly hooks: HooksConfig;
  /** Hook scripts (and any other files) by path in the project dir. */
  readonly files: Readonly<Record<string, ProjectFile>>;
  readonly turns?: readonly Turn[];
  readonly allowedTools?: readonly string[];
}

export interface HookCase {
  run(mode: HookMode): Promise<ClaudeRun>;
}

// CLAUDE_E2E_EXECUTOR=forward: the executor half registers what `install --mode forward` does (the
// launcher), forwarding to a warm server shared by the file's cases; else `hook-executor run`.
const FORWARD = process.env.CLAUDE_E2E_EXECUTOR === 'forward';
let server: Promise<ExecutorServer> | undefined;
afterAll(async () => {
  if (server !== undefined) await (await server).close();
});

export function hookCase(definition: HookCaseDefinition): HookCase {
  const runs = new Map<HookMode, Promise<ClaudeRun>>();
  return {
    run(mode) {
      let run = runs.get(mode);
      if (!run) {
        const forward = FORWARD && mode === 'executor';
        const setup = hookSetup(mode, definition.hooks, forward ? { handler: (event) => launcherHandler(event) } : {});
        run = (forward ? (server ??= startExecutorServer()) : Promise.resolve(undefined)).then((up) => runClaude({
          ...(up ? { env: { HOOK_EXECUTOR_STATE_DIR: up.stateDir } } : {}),
          prompt: definition.prompt,
          settings: setup.settings,
          files: { ...definition.files, ...setup.files },
          ...(definition.turns ? { turns: definition.turns } : {}),
          ...(definition.allowedTools ? { allowedTools: definition.allowedTools } : {}),
        }));
        runs.set(mode, run);
      }
      return run;
    },
  };
}
