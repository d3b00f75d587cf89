// Running the pinned Claude Code CLI's own subcommands (`claude plugin …`) in a temp HOME, with
// the same minimal environment the harness gives `claude -p`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { claudeBinary } from '@fanout/claude-e2e';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function claudeEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: [...new Set([path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'])].join(':'),
    HOME: home,
    TERM: 'dumb',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    ...extra,
  };
}

/** `claude <args>` with HOME=`home`; resolves with its exit code and output (killed after 60 s). */
export function claudeCli(args: readonly string[], home: string, cwd = home): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(claudeBinary(), args, { cwd, env: claudeEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
