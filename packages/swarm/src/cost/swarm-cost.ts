// What a swarm's calls cost: oracle's meter at the run's provider (the Batch API's discount when the
// work goes through it), each item priced at the model its persona asks for.
import type { CostMeter } from '@fanout/oracle';
import type { Usage } from '../result-record.js';

export interface SwarmCost {
  readonly meter: CostMeter;
  /** The model an item's call goes to (a persona may name its own). */
  model(persona: string | null): string;
}

/** What earlier runs of the same work spent, from the records they wrote (for budgets, which count the whole work). */
export class PriorSpend {
  usd = 0;
  tokens = 0;

  /** A record read back from the results file; a record written before costs were recorded is priced now. */
  add(record: Readonly<Record<string, unknown>>, cost: SwarmCost | undefined): void {
    const usage = record['usage'] as Usage | null | undefined;
    if (!usage || typeof usage.prompt_tokens !== 'number' || typeof usage.completion_tokens !== 'number') return;
    this.tokens += usage.prompt_tokens + usage.completion_tokens;
    const recorded = record['cost_usd'];
    const persona = typeof record['persona'] === 'string' ? record['persona'] : null;
    this.usd += typeof recorded === 'number' ? recorded : (cost?.meter.cost(cost.model(persona), usage) ?? 0);
  }
}
