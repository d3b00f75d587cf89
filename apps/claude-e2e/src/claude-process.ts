// Starting the Claude Code binary: the minimal environment of the offline recipe, its own
// process group (a timeout kills the hooks it started too), and reading its output.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ClaudeE2eError } from './errors.js';

/** The `--output-format json` result object (the fields the tests read; the CLI sends more). */
export interface ClaudeResult {
  readonly type: 'result';
  readonly subtype: string;
  readonly is_error: boolean;
  readonly num_turns: number;
  readonly result?: string;
  readonly stop_reason?: string | null;
  readonly session_id?: string;
  readonly permission_denials?: ReadonlyArray<{ tool_name: string; tool_use_id: string; tool_input: Record<string, unknown> }>;
  readonly [key: string]: unknown;
}

export function minimalEnv(home: string, apiUrl: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  // The dir of the node running the tests first, so `node` hooks (and hook-executor) work.
  const pathDirs = [...new Set([path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'])];
  return {
    PATH: pathDirs.join(':'),
    HOME: home,
    TERM: 'dumb',
    ANTHROPIC_BASE_URL: apiUrl,
    ANTHROPIC_API_KEY: 'sk-ant-fake',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    // Without this a dead or failing API makes the CLI retry for minutes.
    CLAUDE_CODE_MAX_RETRIES: '0',
    ...extra,
  };
}

export function parseOutput(stdout: string, format: 'json' | 'stream-json'): { result: ClaudeResult | undefined; events: Record<string, unknown>[] } {
  const events: Record<string, unknown>[] = [];
  const lines = format === 'json' ? [stdout.trim()] : stdout.split('\n');
  for (const line of lines) {
    if (!line.trim().startsWith('{')) continue;
    try {
      events.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not a JSON line: stays visible in stdout
    }
  }
  const result = events.findLast((event) => event.type === 'result') as ClaudeResult | undefined;
  return { result, events: format === 'json' ? [] : events };
}

export interface Exit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export function spawnClaude(binary: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also kills the hooks it started.
    const child = spawn(binary, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.once('error', (cause) => {
      clearTimeout(timer);
      reject(new ClaudeE2eError('CLAUDE_NOT_INSTALLED', `could not start ${binary}: ${cause.message}`, { cause }));
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr, timedOut });
    });
  });
}
