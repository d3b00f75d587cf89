// `hook-executor guard <name>`: hooks Claude Code runs directly, so no yargs here either.
import { HookExecutorError } from '../errors.js';
import { readStdin, writeAndExit } from '../run/run-io.js';
import { GUARD_USAGE, parseGuardArgs } from './guard-args.js';
import { hookBudgetOutput } from './hook-budget.js';
import { parallelReminderOutput } from './parallel-reminder.js';
import { sequentialAgentsOutput } from './sequential-agents.js';

export async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    writeAndExit(`${GUARD_USAGE}\n`, '', 0);
    return;
  }
  try {
    const { name, block, every } = parseGuardArgs(argv);
    const text = (await readStdin()).toString('utf8');
    let input: Record<string, unknown> = {};
    try {
      input = text.trim() ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      throw new HookExecutorError('INPUT_INVALID', 'stdin is not the hook input JSON');
    }
    const out =
      name === 'sequential-agents'
        ? sequentialAgentsOutput(input, block)
        : name === 'hook-budget'
          ? await hookBudgetOutput(input)
          : parallelReminderOutput(input, every);
    writeAndExit(out ? `${out}\n` : '', '', 0);
  } catch (error) {
    if (!(error instanceof HookExecutorError)) throw error;
    // A guard's own failure is non-blocking: the action proceeds.
    writeAndExit('', `hook-executor guard: ${error.message}\n`, 1);
  }
}
