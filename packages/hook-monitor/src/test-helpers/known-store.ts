import fs from 'node:fs';
import path from 'node:path';
import { serializeRecord } from '../serialize-record.js';
import type { HookRunRecord } from '../types.js';
import { sampleRecord } from './sample-record.js';

/**
 * A small store whose report is worked out by hand (see report tests):
 * UserPromptSubmit × 4 runs of hooks a, b (after a), c; PreToolUse × 1 run of `guard`;
 * a torn line and a garbage line in the middle of the file.
 */
export const KNOWN_RUNS: HookRunRecord[] = [
  sampleRecord('run-1', [['a', 0, 10], ['b', 10, 30, { after: ['a'] }], ['c', 0, 25]], { ts: '2026-01-01T10:00:00.000Z', wall_ms: 31 }),
  sampleRecord('run-2', [['a', 0, 20], ['b', 20, 50, { after: ['a'] }], ['c', 0, 40, { exit_code: 1, error: 'exit 1' }]], {
    ts: '2026-01-02T10:00:00.000Z', wall_ms: 52,
  }),
  sampleRecord(
    'run-3',
    [
      ['a', 0, 30, { exit_code: null, timed_out: true }],
      ['b', 0, 0, { after: ['a'], skipped: 'dependency failed' }],
      ['c', 0, 15, { exit_code: 2 }],
    ],
    { ts: '2026-01-03T10:00:00.000Z', wall_ms: 31 },
  ),
  sampleRecord('run-4', [['a', 0, 40], ['b', 40, 45, { after: ['a'] }], ['c', 0, 5]], { ts: '2026-01-04T10:00:00.000Z', wall_ms: 46 }),
  sampleRecord('run-5', [['guard', 0, 7, { decision: 'deny' }]], {
    ts: '2026-01-04T11:00:00.000Z', event: 'PreToolUse', target: 'Bash', wall_ms: 8,
  }),
];

export function writeKnownStore(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const lines = KNOWN_RUNS.map((record) => serializeRecord(record));
  const torn = lines[0]!.slice(0, 40);
  fs.writeFileSync(path.join(dir, 'runs.jsonl'), [...lines.slice(0, 2), `${torn}\n`, 'not json at all\n', ...lines.slice(2)].join(''));
}
