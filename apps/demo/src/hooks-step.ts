import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectOk, runTool } from './run-tool.js';
import { command, green, heading, line, ms } from './say.js';

/** The seed's scenario: 21 prompt hooks of ~50 ms each. */
const HOOK_IDS = [
  'git-branch', 'git-dirty', 'todo-scan', 'secret-scan', 'ticket-link', 'test-status', 'lint-status',
  'typecheck-status', 'deps-audit', 'env-check', 'docker-status', 'ci-status', 'coverage', 'changelog',
  'style-guide', 'owners', 'open-prs', 'oncall', 'calendar', 'budget', 'memory-recall',
];

function hookCommand(id: string): string {
  return `sleep 0.05; echo "${id}: ok"`;
}

export async function hooksStep(): Promise<void> {
  heading(4, 'hook-executor: 21 prompt hooks of ~50 ms, side by side');
  const project = mkdtempSync(path.join(os.tmpdir(), 'fanout-demo-hooks-'));
  const store = path.join(project, 'monitor');
  mkdirSync(path.join(project, '.claude'), { recursive: true });
  const hooks = HOOK_IDS.map((id, i) => ({
    type: 'command',
    id,
    command: hookCommand(id),
    timeout: 10,
    // Two real dependencies, to show the graph: the lint and type-check summaries read the test status.
    ...(i === 6 || i === 7 ? { after: ['test-status'] } : {}),
  }));
  writeFileSync(
    path.join(project, '.claude/hook-executor.json'),
    `${JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks }] } }, null, 2)}\n`,
  );
  const input = JSON.stringify({
    session_id: 'demo',
    transcript_path: path.join(project, 'transcript.jsonl'),
    cwd: project,
    hook_event_name: 'UserPromptSubmit',
    prompt: 'refactor the pagination module',
  });

  // Before: the hooks one after another, as a chaining script runs them.
  const startSeq = performance.now();
  for (const id of HOOK_IDS) spawnSync('sh', ['-c', hookCommand(id)], { input, cwd: project });
  const sequentialMs = performance.now() - startSeq;

  command('hook-executor run --event UserPromptSubmit < input.json');
  const env = { CLAUDE_PROJECT_DIR: project, HOOK_MONITOR_DIR: store };
  const run = expectOk('hook-executor', await runTool('hook-executor', ['run', '--event', 'UserPromptSubmit'], { input, env, cwd: project }));
  const contexts = (run.stdout.match(/: ok/g) ?? []).length;
  line(`  ${contexts} hook contexts merged in config order for Claude`);
  line(`  ${green(`before: ${ms(sequentialMs)} per prompt one after another`)}; ${green(`after: ${ms(run.ms)}`)} including Node's start-up ` +
    `(${(run.ms / sequentialMs).toFixed(2)}×)`);

  command('hook-monitor waterfall --last');
  const waterfall = expectOk('hook-monitor', await runTool('hook-monitor', ['waterfall', '--last', '--dir', store], { env }));
  process.stdout.write(waterfall.stdout.replace(/^/gm, '  '));
}
