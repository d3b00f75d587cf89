// Which project a request belongs to. Claude Code 2.1.197 does not have CLAUDE_PROJECT_DIR in its
// own environment (an http hook's `$CLAUDE_PROJECT_DIR` header is empty), and the input's `cwd`
// follows `cd`. So `serve --ensure`, run as a SessionStart command hook (which does get
// CLAUDE_PROJECT_DIR), registers each session's project dir with the server.
import path from 'node:path';

const MAX_SESSIONS = 4096;

export class ProjectDirs {
  private readonly bySession = new Map<string, string>();

  register(sessionId: string, projectDir: string): void {
    this.bySession.delete(sessionId);
    this.bySession.set(sessionId, path.resolve(projectDir));
    if (this.bySession.size > MAX_SESSIONS) this.bySession.delete(this.bySession.keys().next().value!);
  }

  /**
   * The request's project: the `X-Claude-Project-Dir` header when it holds an absolute path, else
   * the directory registered for the session, else the input's `cwd`; undefined when none is known.
   */
  resolve(header: string | undefined, input: Readonly<Record<string, unknown>>): string | undefined {
    if (header && path.isAbsolute(header)) return path.resolve(header);
    const registered = typeof input.session_id === 'string' ? this.bySession.get(input.session_id) : undefined;
    if (registered) return registered;
    return typeof input.cwd === 'string' && path.isAbsolute(input.cwd) ? path.resolve(input.cwd) : undefined;
  }
}
