// The fixtures are transcripts written by the real Claude Code 2.1.197 CLI (run offline against
// apps/claude-e2e's fake API), with only its agent/skill listing lines removed:
// - transcript-outcomes: SessionStart (echo + silent `true`), UserPromptSubmit (slow echo, silent
//   `true`, exit 1, silent sleep), PreToolUse on Bash (echo, exit 3, JSON allow), PostToolUse, Stop.
// - transcript-ups-block: UserPromptSubmit with an echo and an exit-2 hook (the prompt is blocked).
// - transcript-pre-block: PreToolUse with an echo and an exit-2 hook (the tool is denied).
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { importTranscripts } from './import-transcripts.js';
import { scanStore } from './scan-store.js';
import { BIN, PACKAGE_DIR, storeLines, tempDir } from './test-helpers/paths.js';
import { runProcess } from './test-helpers/run-process.js';
import type { HookRunRecord } from './types.js';

const FIXTURES = path.join(PACKAGE_DIR, 'src', 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, `transcript-${name}.jsonl`);

async function records(dir: string): Promise<HookRunRecord[]> {
  const out: HookRunRecord[] = [];
  await scanStore({ dir }, (record) => out.push(record));
  return out;
}

describe('hook-monitor import (real Claude Code transcripts)', () => {
  test('one run per event firing; successes and non-blocking errors are timed, silent hooks are absent', async () => {
    const dir = tempDir();
    const stats = await importTranscripts({ from: fixture('outcomes'), dir });
    expect(stats).toMatchObject({ files: 1, read: 1, hooks: 8, runs: 5 });
    const runs = await records(dir);
    expect(runs.map((run) => `${run.event}:${run.hooks.map((hook) => hook.id).join('|')}`)).toEqual([
      'SessionStart:echo ss-ctx',
      'UserPromptSubmit:echo warn >&2; exit 1|sleep 0.1; echo ctx-b',
      expect.stringMatching(/^PreToolUse:echo pre-ok\|echo '\{"hookSpecificOutput".*…[0-9a-f]{7}\|echo pre-err >&2; exit 3$/),
      'PostToolUse:echo post-ok',
      'Stop:echo stop-out',
    ]);
    const ups = runs.find((run) => run.event === 'UserPromptSubmit')!;
    expect(ups).toMatchObject({ source: 'transcript', session_id: expect.any(String), wall_ms: 122 });
    expect(ups.hooks).toEqual([
      {
        id: 'echo warn >&2; exit 1',
        start_ms: 0,
        end_ms: 39,
        exit_code: 1,
        timed_out: false,
        decision: 'none',
        stdout_bytes: 0,
        stderr_bytes: 4,
        error: 'exit 1',
      },
      { id: 'sleep 0.1; echo ctx-b', start_ms: 0, end_ms: 122, exit_code: 0, timed_out: false, decision: 'context', stdout_bytes: 6, stderr_bytes: 0 },
    ]);
    const pre = runs.find((run) => run.event === 'PreToolUse')!;
    expect(pre.target).toBe('Bash');
    expect(pre.hooks.map((hook) => hook.decision)).toEqual(['none', 'allow', 'none']);
    // Silent hooks (`true`, a sleep with no output) never reach the transcript.
    expect(runs.flatMap((run) => run.hooks.map((hook) => hook.id))).not.toContain('true');
  });

  test('blocking hooks (exit 2) leave no timing: a blocked prompt imports nothing, a denied tool only its other hooks', async () => {
    const dir = tempDir();
    expect(await importTranscripts({ from: fixture('ups-block'), dir })).toMatchObject({ runs: 0, hooks: 0 });
    await importTranscripts({ from: fixture('pre-block'), dir });
    const runs = await records(dir);
    expect(runs.map((run) => [run.event, run.hooks.map((hook) => hook.id)])).toEqual([['PreToolUse', ['echo pre-ok']]]);
  });

  test('no prompt, tool output or hook output reaches the store', async () => {
    const dir = tempDir();
    await importTranscripts({ from: FIXTURES, dir });
    const store = storeLines(dir).join('\n');
    for (const text of ['hello', 'ss-ctx\\n', 'ctx-b\\n', 'Failed with non-blocking', 'pre-err\\n', 'deny-me', 'permissionDecisionReason', 'Original prompt']) {
      expect(store).not.toContain(text);
    }
  });

  test('re-importing adds nothing; lines appended later (even a torn last line) are imported once', async () => {
    const from = tempDir();
    const dir = tempDir();
    const whole = fs.readFileSync(fixture('outcomes'));
    const file = path.join(from, 'session.jsonl');
    // Cut inside the PreToolUse attachment lines, mid-line, as if Claude Code were still writing.
    const cut = whole.indexOf('"echo pre-err') + 5;
    fs.writeFileSync(file, whole.subarray(0, cut));
    const first = await importTranscripts({ from, dir });
    expect(first.runs).toBe(3);
    expect((await importTranscripts({ from, dir })).runs).toBe(0);
    fs.appendFileSync(file, whole.subarray(cut));
    const second = await importTranscripts({ from, dir });
    expect(first.runs + second.runs).toBeGreaterThanOrEqual(5);
    expect((await importTranscripts({ from, dir })).runs).toBe(0);
    const hookIds = (await records(dir)).flatMap((run) => run.hooks.map((hook) => hook.id));
    // Every timed hook line of the file is in the store exactly once.
    expect(hookIds).toHaveLength(8);
    expect(new Set(hookIds.filter((id) => id === 'echo pre-err >&2; exit 3'))).toEqual(new Set(['echo pre-err >&2; exit 3']));
  });

  test('a transcript replaced by a new file (new inode) is read again from its start', async () => {
    const from = tempDir();
    const dir = tempDir();
    const file = path.join(from, 'a.jsonl');
    fs.copyFileSync(fixture('pre-block'), file);
    expect((await importTranscripts({ from, dir })).runs).toBe(1);
    fs.rmSync(file);
    fs.copyFileSync(fixture('outcomes'), path.join(from, 'other.tmp'));
    fs.renameSync(path.join(from, 'other.tmp'), file);
    expect((await importTranscripts({ from, dir })).runs).toBe(5);
  });

  test('CLI: import then report shows per event what the executor would save, and what a transcript cannot show', async () => {
    const dir = tempDir();
    const imported = await runProcess(process.execPath, [BIN, 'import', '--from', FIXTURES, '--dir', dir, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout.toString())).toMatchObject({ files: 3, runs: 6 });
    const report = await runProcess(process.execPath, [BIN, 'report', '--dir', dir, '--json', '--executor-overhead', '20ms']);
    const json = JSON.parse(report.stdout.toString());
    expect(json.transcript.note).toMatch(/silent hooks \(exit 0, no output\)/);
    // UserPromptSubmit: Claude Code ran both at once (122 ms, the slowest); nothing to pre-start, so the
    // executor would only add its overhead.
    expect(json.transcript.model).toMatchObject({ mode: 'forward', overheadMs: 20 });
    expect(json.transcript.events.find((e: { event: string }) => e.event === 'UserPromptSubmit')).toMatchObject({ runs: 1, savedMs: -20, preStartable: 0 });
    expect(json.transcript.assumes).toMatch(/Claude Code's own runner/);
    const text = await runProcess(process.execPath, [BIN, 'report', '--dir', dir]);
    expect(text.stdout.toString()).toContain('From Claude Code transcripts: 6 runs.');
  });

  test('long commands that differ only past the id’s cut stay two hooks, each with a stable id', async () => {
    const from = tempDir();
    const dir = tempDir();
    const code = (i: number) => `python3 -c 'import json,sys; d=json.load(sys.stdin); print("context line number ${i}")'`;
    const line = (i: number) =>
      JSON.stringify({
        type: 'attachment',
        timestamp: `2026-01-01T00:00:0${i}.000Z`,
        sessionId: 's1',
        attachment: {
          type: 'hook_success', hookName: 'UserPromptSubmit', toolUseID: 'p1', hookEvent: 'UserPromptSubmit',
          stdout: 'x\n', exitCode: 0, command: code(i), durationMs: 40 + i,
        },
      });
    fs.writeFileSync(path.join(from, 's1.jsonl'), `${line(1)}\n${line(2)}\n`);
    await importTranscripts({ from, dir });
    const [run] = await records(dir);
    expect(run!.hooks.map((hook) => hook.id)).toEqual([expect.stringMatching(/^python3 -c .*…[0-9a-f]{7}$/), expect.stringMatching(/…[0-9a-f]{7}$/)]);
    expect(new Set(run!.hooks.map((hook) => hook.id)).size).toBe(2);
    expect(run!.hooks.every((hook) => hook.id.length === 60 && hook.interpreter === 'python')).toBe(true);
  });

  test('CLI: a missing --from is one line and exit 1', async () => {
    const result = await runProcess(process.execPath, [BIN, 'import', '--from', '/nonexistent/transcripts', '--dir', tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr.toString()).toBe('hook-monitor: --from: cannot read /nonexistent/transcripts (ENOENT) (see hook-monitor --help)\n');
  });
});
