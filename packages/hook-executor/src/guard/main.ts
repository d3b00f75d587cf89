// `hook-executor guard <name>`: hooks Claude Code runs directly, so no yargs here either.
import { HookExecutorError } from '../errors.js';
import { readStdin, writeAndExit } from '../run/run-io.js';
import { hookBudgetOutput } from './hook-budget.js';
import { parallelReminderOutput } from './parallel-reminder.js';
import { sequentialAgentsOutput } from './sequential-agents.js';

const USAGE = 'usage: hook-executor guard sequential-agents [--block] | guard parallel-reminder [--every MINUTES] | guard hook-budget';

export async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    writeAndExit(`${USAGE}\n`, '', 0);
    return;
  }
  try {
    const [name, ...rest] = argv;
    let block = false;
    let every = 30;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i]!;
      if (name === 'sequential-agents' && arg === '--block') block = true;
      else if (name === 'parallel-reminder' && (arg === '--every' || arg.startsWith('--every='))) {
        const value = Number(arg.includes('=') ? arg.slice(8) : rest[++i]);
        if (!(value >= 0)) throw new HookExecutorError('BAD_ARGUMENT', `--every must be a number of minutes (${USAGE})`);
        every = value;
      } else throw new HookExecutorError('BAD_ARGUMENT', `unknown argument "${arg}" (${USAGE})`);
    }
    if (name !== 'sequential-agents' && name !== 'parallel-reminder' && name !== 'hook-budget') {
      throw new HookExecutorError('BAD_ARGUMENT', `unknown guard "${name ?? ''}" (${USAGE})`);
    }
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
