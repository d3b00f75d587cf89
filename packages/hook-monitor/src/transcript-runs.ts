// Groups the hook lines of a transcript into runs: one per event firing (session, tool use or
// prompt id, event), closed by the next line that is not an attachment or by the end of the file.
import { createHash } from 'node:crypto';
import { parseTranscriptHook } from './transcript-hook.js';
import type { TranscriptHook } from './transcript-hook.js';
import type { HookRunRecord } from './types.js';

interface OpenRun {
  readonly first: TranscriptHook;
  readonly hooks: TranscriptHook[];
}

export class TranscriptRunGrouper {
  private readonly open = new Map<string, OpenRun>();
  /** Hook lines seen. */
  hooks = 0;

  constructor(private readonly emit: (record: HookRunRecord) => void) {}

  line(line: string): void {
    const hook = parseTranscriptHook(line);
    if (hook === undefined) {
      // Listings and other attachments arrive between a firing's hook lines; a message ends it.
      if (this.open.size > 0 && !line.includes('"type":"attachment"')) this.flush();
      return;
    }
    this.hooks++;
    const run = this.open.get(hook.key);
    if (run === undefined) this.open.set(hook.key, { first: hook, hooks: [hook] });
    // The same command listed twice runs once in Claude Code; keep one line per hook id.
    else if (!run.hooks.some((seen) => seen.timing.id === hook.timing.id)) run.hooks.push(hook);
  }

  flush(): void {
    for (const run of this.open.values()) this.emit(toRecord(run));
    this.open.clear();
  }
}

// Claude Code starts an event's matching hooks together, so each starts at 0 and the run lasts as
// long as its slowest hook (the silent ones, absent from the transcript, may have run longer).
function toRecord(run: OpenRun): HookRunRecord {
  const wall = Math.max(...run.hooks.map((hook) => hook.timing.end_ms));
  const start = Math.min(...run.hooks.map((hook) => hook.at - hook.timing.end_ms));
  const { first } = run;
  return {
    v: 1,
    // Stable: importing the same lines again (a lost state file) yields the same ids.
    run_id: `t-${createHash('sha1').update(`${first.key}\u0000${first.at}`).digest('hex').slice(0, 16)}`,
    ts: new Date(start).toISOString(),
    event: first.event,
    ...(first.sessionId === '' ? {} : { session_id: first.sessionId }),
    ...(first.target === undefined ? {} : { target: first.target }),
    source: 'transcript',
    wall_ms: wall,
    hooks: run.hooks.map((hook) => hook.timing),
  };
}
