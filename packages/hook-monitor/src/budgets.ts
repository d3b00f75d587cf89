// Latency budgets, per event (its wall clock per run) or per hook id: `<store>/budgets.json`.
import { readStoreJson, writeStoreJson } from './store-json.js';

export const BUDGETS_FILE = 'budgets.json';

/** Limits in ms; at least one is set. */
export interface Budget {
  readonly p50?: number;
  readonly p95?: number;
}

/** By target: an event name (e.g. UserPromptSubmit) or a hook id. */
export type Budgets = Record<string, Budget>;

interface BudgetsFile {
  readonly v: 1;
  readonly budgets: Budgets;
}

const isBudgetsFile = (value: unknown): value is BudgetsFile =>
  (value as BudgetsFile | undefined)?.v === 1 && typeof (value as BudgetsFile).budgets === 'object' && (value as BudgetsFile).budgets !== null;

export function readBudgets(dir: string): Budgets {
  return { ...readStoreJson(dir, BUDGETS_FILE, isBudgetsFile, { v: 1, budgets: {} }, 'fix or remove it').budgets };
}

export function writeBudgets(dir: string, budgets: Budgets): void {
  writeStoreJson(dir, BUDGETS_FILE, { v: 1, budgets });
}
