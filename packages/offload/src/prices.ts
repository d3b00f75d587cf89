// What a run costs, at oracle's price table (shipped prices, the user's and the project's prices.json),
// or at `--price IN,OUT` for every model when given: tokens and cached tokens as the server reported
// them. A model the table does not know has no price: its cost is unknown, never guessed.
import { CostMeter, PriceTable, loadPrices } from '@fanout/oracle';

export interface Price {
  /** US dollars per million prompt tokens (cached ones too: `--price` knows no cache discount). */
  readonly input: number;
  /** US dollars per million completion tokens. */
  readonly output: number;
}

export interface PriceOptions {
  /** The price table. @default oracle's `loadPrices({ cwd })` */
  readonly prices?: PriceTable | undefined;
  /** `--price`: this price for every model, instead of the table's. */
  readonly price?: Price | undefined;
  readonly cwd?: string | undefined;
}

/** The table a run prices its calls with. */
export function priceTable(options: PriceOptions, provider: string, models: readonly string[]): PriceTable {
  if (!options.price) return options.prices ?? loadPrices({ cwd: options.cwd });
  const table = new PriceTable();
  table.add({ providers: { [provider]: { models: Object.fromEntries(models.map((m) => [m, options.price])) } } }, 'project', '--price');
  return table;
}

/** A meter for the run's calls on `provider`. */
export function offloadMeter(options: PriceOptions, provider: string, models: readonly string[]): CostMeter {
  return new CostMeter({ table: priceTable(options, provider, models), provider });
}
