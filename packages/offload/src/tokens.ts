/** Token estimate used everywhere (plans, budgets, chunk sizes, stats): ceil(chars / 4). */
export function estimateTokens(text: string | number): number {
  return Math.ceil((typeof text === 'number' ? text : text.length) / 4);
}
