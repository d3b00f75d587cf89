// The server keeps each project's validated config and reloads it when one of its files changes:
// a stat of the (at most three) files per request — microseconds — instead of a file watcher.
import fs from 'node:fs';
import { loadConfig } from '../config/load.js';
import { configLocations, type ConfigLocation } from '../config/paths.js';
import type { ExecutorConfig } from '../config/types.js';

const MAX_PROJECTS = 256;

interface Entry {
  readonly signature: string;
  readonly config?: ExecutorConfig;
  /** A broken config is cached too (reported on every request until the files change). */
  readonly error?: unknown;
}

function signature(locations: readonly ConfigLocation[]): string {
  return locations
    .map((l) => {
      try {
        const s = fs.statSync(l.path);
        return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
      } catch {
        return '-';
      }
    })
    .join('|');
}

export class ConfigCache {
  private readonly entries = new Map<string, Entry>();
  /** How many times a config was (re)loaded from disk. */
  loads = 0;

  constructor(
    private readonly home: string,
    private readonly configFile?: string,
  ) {}

  /** The config for this project, reloaded if its files changed; throws the config's error (a ConfigError). */
  get(projectDir: string): ExecutorConfig {
    const locations = configLocations(projectDir, this.home, this.configFile);
    const sig = signature(locations);
    let entry = this.entries.get(projectDir);
    if (entry?.signature !== sig) {
      this.loads++;
      try {
        entry = { signature: sig, config: loadConfig(locations) };
      } catch (error) {
        entry = { signature: sig, error };
      }
      this.entries.delete(projectDir);
      this.entries.set(projectDir, entry);
      if (this.entries.size > MAX_PROJECTS) this.entries.delete(this.entries.keys().next().value!);
    }
    if (entry.error !== undefined) throw entry.error;
    return entry.config!;
  }
}
