import path from 'node:path';
import { homeDir } from '../config/paths.js';

/** hook-monitor's store as seen from `env` (where its records and the breakers are kept): $HOOK_MONITOR_DIR, else ~/.claude/hook-monitor. */
export function storeDirOf(env: NodeJS.ProcessEnv): string {
  return env.HOOK_MONITOR_DIR ? path.resolve(env.HOOK_MONITOR_DIR) : path.join(homeDir(env), '.claude', 'hook-monitor');
}
