import path from 'node:path';
import { repoRoot } from './run-tool.js';

export interface DemoContext {
  /** Flags that point a tool at the built-in simulator with the demo's scripted answers. */
  simArgs(latencyMs: number): string[];
}

export function createContext(): DemoContext {
  const rules = path.join(repoRoot, 'apps/demo/fixtures/sim-rules.json');
  return {
    simArgs: (latencyMs) => ['--provider', 'sim', '--sim-latency-ms', String(latencyMs), '--sim-rules', rules],
  };
}
