import { spawn } from 'node:child_process';

/** Median of the values (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `reps` times (after one untimed warm-up unless `warmup` is false) and returns the median wall time in ms. */
export async function timeMedian(reps: number, fn: () => Promise<unknown> | unknown, warmup = true): Promise<number> {
  if (warmup) await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function ratioRow(fanoutMs: number, againstMs: number): number {
  return Math.round((fanoutMs / againstMs) * 1000) / 1000;
}

/** Runs a command with `input` on stdin; resolves with the wall time in ms (rejects on a non-zero exit). */
export function timed(file: string, args: readonly string[], input: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(file, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (code === 0) resolve(ms);
      else reject(new Error(`${file} ${args.join(' ').slice(0, 80)} exited ${code}: ${stderr.slice(0, 300)}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}
