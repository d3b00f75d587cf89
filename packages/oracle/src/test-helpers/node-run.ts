import { spawn } from 'node:child_process';

// A loader hook that fails the process as soon as it loads undici, openai or llm-sim: what a CLI's
// `--help` (and the CLI kit) must never pay for.
const HEAVY_HOOK =
  'export async function load(url, context, next) { if (/\\/(undici|openai|llm-sim)\\//.test(url)) throw new Error(`loaded ${url}`); return ' +
    'next(url, context); }';
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HEAVY_HOOK)}`)});`;

/** Node flags that make loading undici, openai or llm-sim an error. */
export const REFUSE_HEAVY_MODULES = ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`];

export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface NodeRunOptions {
  readonly cwd: string;
  /** Written to stdin (a pipe); without it there is no stdin at all. */
  readonly input?: string | undefined;
  /** The whole environment. @default process.env */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/** Runs `node ...args` and collects what it prints. */
export function runNode(args: readonly string[], options: NodeRunOptions): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const stdin = options.input === undefined ? 'ignore' : 'pipe';
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: [stdin, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}
