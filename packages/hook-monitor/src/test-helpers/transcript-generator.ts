// Claude Code session transcripts in bulk, shaped like the real CLI's (the fixtures): per prompt a
// user line, its UserPromptSubmit hook lines, an assistant tool use, PreToolUse and PostToolUse hook
// lines around a tool result, a closing assistant message and a Stop hook line. Tool results and
// answers are padded with text, as a real history's are, so bytes per hook line are realistic.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface GeneratorOptions {
  readonly sessions: number;
  readonly promptsPerSession: number;
  /** Characters of tool output per tool result (real ones range from a line to tens of KB). @default 4000 */
  readonly toolResultChars?: number;
  /** Sessions per project directory. @default 50 */
  readonly sessionsPerProject?: number;
}

export interface Generated {
  readonly files: number;
  readonly bytes: number;
  readonly lines: number;
  /** Hook lines written (each is a timed hook). */
  readonly hooks: number;
  /** Event firings with at least one hook line: the runs an import must produce. */
  readonly runs: number;
}

const FILLER = 'The quick brown fox jumps over the lazy dog; src/app/module.ts:42 const value = compute(input); ';

function filler(chars: number, seed: number): string {
  const start = seed % FILLER.length;
  return (FILLER.slice(start) + FILLER.repeat(Math.ceil(chars / FILLER.length) + 1)).slice(0, chars);
}

/** Writes `<dir>/<project>/<session>.jsonl` files; returns what an import of them must find. */
export function generateTranscripts(dir: string, options: GeneratorOptions): Generated {
  const resultChars = options.toolResultChars ?? 4000;
  const perProject = options.sessionsPerProject ?? 50;
  let bytes = 0;
  let lines = 0;
  let hooks = 0;
  let runs = 0;
  for (let s = 0; s < options.sessions; s++) {
    const projectDir = path.join(dir, `-home-dev-project-${Math.floor(s / perProject)}`);
    fs.mkdirSync(projectDir, { recursive: true });
    const sessionId = randomUUID();
    const cwd = `/home/dev/project-${Math.floor(s / perProject)}`;
    const common = { userType: 'external', entrypoint: 'cli', cwd, sessionId, version: '2.1.197', gitBranch: 'main' };
    let clock = Date.UTC(2026, 0, 1) + s * 3_600_000;
    let parent: string | null = null;
    const out: string[] = [];
    const push = (entry: Record<string, unknown>): void => {
      const uuid = randomUUID();
      clock += 7 + (out.length % 13);
      out.push(JSON.stringify({ parentUuid: parent, isSidechain: false, ...entry, uuid, timestamp: new Date(clock).toISOString(), ...common }));
      parent = uuid;
    };
    const hook = (event: string, hookName: string, toolUseID: string, command: string, durationMs: number, fail = false): void => {
      const attachment = fail
        ? {
            type: 'hook_non_blocking_error',
            hookName,
            toolUseID,
            hookEvent: event,
            stderr: 'Failed with non-blocking status code: lint ' + 'warning',
            stdout: '',
            exitCode: 1,
            command,
            durationMs,
          }
        : {
            type: 'hook_success',
            hookName,
            toolUseID,
            hookEvent: event,
            content: `ctx ${command.length}`,
            stdout: `ctx ${command.length}\n`,
            stderr: '',
            exitCode: 0,
            command,
            durationMs,
          };
      clock += durationMs;
      push({ attachment, type: 'attachment' });
      hooks++;
    };
    for (let p = 0; p < options.promptsPerSession; p++) {
      const n = s * 1000 + p;
      push({
        promptId: randomUUID(),
        type: 'user',
        message: { role: 'user', content: `Prompt ${n}: ${filler(200 + (n % 400), n)}` },
        permissionMode: 'default',
      });
      const promptId = randomUUID();
      hook('UserPromptSubmit', 'UserPromptSubmit', promptId, 'python3 ~/.claude/hooks/context.py', 40 + (n % 90), n % 17 === 0);
      hook('UserPromptSubmit', 'UserPromptSubmit', promptId, 'node ~/.claude/hooks/remind.js', 60 + (n % 70));
      runs++;
      const toolUse = `toolu_${randomUUID().replace(/-/g, '')}`;
      const assistant = (content: unknown[]) =>
        push({
          message: {
            id: `msg_${n}`,
            type: 'message',
            role: 'assistant',
            model: 'claude-opus-4-8',
            content,
            stop_reason: 'end_turn',
            usage: { input_tokens: 1200 + n, output_tokens: 300 },
          },
          requestId: `req_${n}`,
          type: 'assistant',
        });
      assistant([
        { type: 'text', text: filler(600, n + 1) },
        { type: 'tool_use', id: toolUse, name: 'Bash', input: { command: `npm test -- --shard ` + `${n % 8}`, description: 'run the tests' } },
      ]);
      hook('PreToolUse', 'PreToolUse:Bash', toolUse, 'sh ~/.claude/hooks/guard-bash.sh', 10 + (n % 30));
      runs++;
      push({
        type: 'user',
        message: { role: 'user', content: [{ tool_use_id: toolUse, type: 'tool_result', content: filler(resultChars, n + 2), is_error: false }] },
        toolUseResult: { stdout: filler(resultChars, n + 3), stderr: '', interrupted: false },
      });
      hook('PostToolUse', 'PostToolUse:Bash', toolUse, 'python3 ~/.claude/hooks/log_tool.py', 30 + (n % 50));
      runs++;
      assistant([{ type: 'text', text: filler(1200, n + 4) }]);
      hook('Stop', 'Stop', randomUUID(), 'echo stop', 5 + (n % 9));
      runs++;
    }
    const text = `${out.join('\n')}\n`;
    fs.writeFileSync(path.join(projectDir, `${sessionId}.jsonl`), text);
    bytes += Buffer.byteLength(text);
    lines += out.length;
  }
  return { files: options.sessions, bytes, lines, hooks, runs };
}
