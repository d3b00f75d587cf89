import type { SimState } from '../state.js';
import { unixNow, type BatchObject } from './batch-object.js';
import type { FileStore } from './file-store.js';
import { notRunLine, processLine } from './process-line.js';
import { validateInput, type InputLine } from './validate-input.js';

// Lines are processed in up to this many slices spread over batchDelayMs, so polls see progress.
const STEPS = 20;
// With no delay, slices this big between event-loop turns keep the server responsive.
const IMMEDIATE_SLICE = 1000;

/**
 * One batch moving through validating → in_progress → finalizing → completed, or to failed
 * (invalid input), expired (the completion window ran out) or cancelling → cancelled.
 */
export class BatchJob {
  readonly data: BatchObject;
  readonly #sim: SimState;
  readonly #files: FileStore;
  #input: Buffer | undefined;
  #lines: InputLine[] = [];
  #next = 0;
  #outputs: string[] = [];
  #errors: string[] = [];
  #timer: NodeJS.Timeout | undefined;
  #expiry: NodeJS.Timeout | undefined;

  constructor(sim: SimState, files: FileStore, data: BatchObject, input: Buffer) {
    this.#sim = sim;
    this.#files = files;
    this.data = data;
    this.#input = input;
    this.#expiry = setTimeout(() => this.#expire(), sim.batchExpireMs);
    this.#later(() => this.#validate(), this.#phaseMs());
  }

  /** Starts cancelling; false when the batch has already ended otherwise. */
  cancel(): boolean {
    const status = this.data.status;
    if (status === 'cancelling' || status === 'cancelled') return true;
    if (status !== 'validating' && status !== 'in_progress') return false;
    this.data.status = 'cancelling';
    this.data.cancelling_at = unixNow();
    this.#later(() => this.#end('cancelled', 'batch_cancelled'), this.#phaseMs());
    return true;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#expiry);
  }

  #phaseMs(): number {
    return Math.min(100, this.#sim.batchDelayMs / 10);
  }

  #later(fn: () => void, ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(fn, ms);
  }

  #validate(): void {
    const check = validateInput(this.#input!.toString('utf8'), this.data.endpoint, this.#sim.batchMaxRequests);
    this.#input = undefined;
    if (!check.ok) {
      this.data.status = 'failed';
      this.data.failed_at = unixNow();
      this.data.errors = { object: 'list', data: check.errors };
      clearTimeout(this.#expiry);
      return;
    }
    this.#lines = check.lines;
    this.data.model = check.model;
    this.data.request_counts.total = check.lines.length;
    this.data.status = 'in_progress';
    this.data.in_progress_at = unixNow();
    this.#scheduleStep();
  }

  #scheduleStep(): void {
    const delay = this.#sim.batchDelayMs;
    const total = this.#lines.length;
    if (delay <= 0) {
      this.#later(() => this.#step(IMMEDIATE_SLICE), 0);
      return;
    }
    const steps = Math.max(1, Math.min(total, STEPS));
    this.#later(() => this.#step(Math.ceil(total / steps)), delay / steps);
  }

  #step(count: number): void {
    const counts = this.data.request_counts;
    const usage = this.data.usage;
    const end = Math.min(this.#lines.length, this.#next + count);
    for (; this.#next < end; this.#next++) {
      const result = processLine(this.#sim, this.#lines[this.#next]!);
      (result.failed ? this.#errors : this.#outputs).push(result.json);
      if (result.failed) counts.failed++;
      else counts.completed++;
      usage.input_tokens += result.promptTokens;
      usage.output_tokens += result.completionTokens;
      usage.total_tokens += result.promptTokens + result.completionTokens;
    }
    if (this.#next < this.#lines.length) {
      this.#scheduleStep();
      return;
    }
    this.data.status = 'finalizing';
    this.data.finalizing_at = unixNow();
    this.#later(() => this.#end('completed'), this.#phaseMs());
  }

  #expire(): void {
    if (this.data.status === 'validating' || this.data.status === 'in_progress') this.#end('expired', 'batch_expired');
  }

  /** Writes the output and error files (requests that never ran go to the error file) and ends the batch. */
  #end(status: 'completed' | 'expired' | 'cancelled', notRun?: 'batch_expired' | 'batch_cancelled'): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#expiry);
    if (notRun) for (let i = this.#next; i < this.#lines.length; i++) this.#errors.push(notRunLine(this.#lines[i]!, notRun));
    const id = this.data.id;
    if (this.#outputs.length > 0) this.data.output_file_id = this.#write(`${id}_output.jsonl`, this.#outputs);
    if (this.#errors.length > 0) this.data.error_file_id = this.#write(`${id}_error.jsonl`, this.#errors);
    this.#lines = [];
    this.#outputs = [];
    this.#errors = [];
    this.data.status = status;
    this.data[`${status}_at`] = unixNow();
  }

  #write(filename: string, lines: string[]): string {
    return this.#files.add(filename, 'batch_output', Buffer.from(`${lines.join('\n')}\n`)).id;
  }
}
