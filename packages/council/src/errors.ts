// One error hierarchy for the package. Every error has a stable string `code`.

export type CouncilErrorCode = 'USAGE' | 'ALL_PERSONAS_FAILED' | 'ARBITER_FAILED' | 'ABORTED';

/** Base class of every error thrown by @fanout/council. */
export class CouncilError extends Error {
  readonly code: CouncilErrorCode;
  constructor(code: CouncilErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CouncilError';
    this.code = code;
  }
}

/** The short, one-line text of any thrown value (what transcripts and error lines show). */
export function errorText(error: unknown): string {
  const timeoutMs = (error as { code?: unknown; timeoutMs?: unknown } | null)?.code === 'TASK_TIMEOUT' && (error as { timeoutMs?: unknown }).timeoutMs;
  // parallel-core says "Task 2 timed out…"; the persona is named beside the error already.
  if (typeof timeoutMs === 'number') return `timed out after ${timeoutMs} ms`;
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}

export interface PersonaFailure {
  readonly persona: string;
  readonly error: unknown;
}

/** Every persona of a round failed; the message names the first underlying error (the usual cause of all). */
export class AllPersonasFailedError extends CouncilError {
  readonly round: number;
  readonly failures: readonly PersonaFailure[];
  constructor(round: number, failures: readonly PersonaFailure[]) {
    const first = failures[0];
    const count = failures.length === 1 ? 'the only persona' : `all ${failures.length} personas`;
    const where = round === 1 ? '' : ` in round ${round}`;
    const cause = first ? `: ${first.persona}: ${errorText(first.error)}` : '';
    super('ALL_PERSONAS_FAILED', `${count} failed${where}${cause}`, { cause: first?.error });
    this.name = 'AllPersonasFailedError';
    this.round = round;
    this.failures = failures;
  }
}

/** The arbiter gave no usable verdict in any round, so there is no synthesis to return. */
export class ArbiterFailedError extends CouncilError {
  readonly arbiter: string;
  constructor(arbiter: string, error: unknown) {
    super('ARBITER_FAILED', `the arbiter "${arbiter}" gave no synthesis in any round: ${errorText(error)}`, { cause: error });
    this.name = 'ArbiterFailedError';
    this.arbiter = arbiter;
  }
}
