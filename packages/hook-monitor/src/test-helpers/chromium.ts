import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runProcess } from './run-process.js';
import type { ProcessResult } from './run-process.js';

/** Debian's chromium; the HTML test must fail (not skip) without it. */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  for (const candidate of candidates) if (fs.existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'chromium is not installed: the HTML report test opens the page in real headless Chromium. ' +
        'Install Debian\'s package (apt-get update && apt-get install -y chromium) or set CHROMIUM=/path/to/chromium.',
    );
  }
}

/** Runs headless Chromium on a file URL with background networking off and a throwaway profile. */
export function headless(chromium: string, profileDir: string, file: string, mode: string[]): Promise<ProcessResult> {
  return runProcess(
    chromium,
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-extensions', '--mute-audio',
      `--user-data-dir=${profileDir}`, '--window-size=1200,900', ...mode, `file://${path.resolve(file)}`,
    ],
    { timeoutMs: 90_000 },
  );
}
