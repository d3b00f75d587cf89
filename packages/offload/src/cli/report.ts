import { formatUsd, tokenizerNote } from '@fanout/oracle';
import type { OffloadPlan } from '../plan.js';
import type { OffloadStats, SkippedFile } from '../types.js';
import { formatCount as n } from '@fanout/cli-kit/format';

const plural = (count: number, word: string): string => `${n(count)} ${word}${count === 1 ? '' : 's'}`;

function dollars(value: number | null, upTo = false): string {
  if (value === null) return 'cost unknown (no price: --price IN,OUT or .fanout/prices.json)';
  return `${upTo ? '≤ ' : ''}${formatUsd(value)}`;
}

/** `a.bin: binary; big.log: too large (…)`, the first few, then a count. */
export function skippedLine(skipped: readonly SkippedFile[], shown = 5): string {
  const first = skipped.slice(0, shown).map((s) => `${s.path}: ${s.reason}`);
  return skipped.length > shown ? `${first.join('; ')}; and ${skipped.length - shown} more` : first.join('; ');
}

/** The run's report for stderr: files, calls, the context saved, verification, time and cost. */
export function formatReport(stats: OffloadStats, skipped: readonly SkippedFile[], warnings: readonly string[]): string {
  const lines: string[] = [];
  const cached = stats.cache_hits > 0 ? `; ${plural(stats.cache_hits, 'file part')} from the cache` : '';
  const failed = stats.failed_chunks > 0 ? `, ${n(stats.failed_chunks)} failed` : '';
  lines.push(
    `read ${plural(stats.files, 'file')}${stats.files_skipped > 0 ? ` (${n(stats.files_skipped)} skipped)` : ''}: ${plural(stats.chunks, 'chunk')} ` +
      `→ ${plural(stats.map_calls, 'reader call')}${failed} + ${plural(stats.reduce_calls, 'reduce call')}${cached}`,
  );
  const ratio = stats.tokens_answer > 0 ? stats.tokens_read / stats.tokens_answer : 0;
  const saved = stats.tokens_read > 0 ? (1 - stats.tokens_answer / stats.tokens_read) * 100 : 0;
  lines.push(
    `${n(stats.tokens_read)} tokens read → ${n(stats.tokens_answer)} tokens of answer (${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}× ` +
      `less: ${saved.toFixed(1)} % of the context saved)`,
  );
  lines.push(
    `${plural(stats.unverified_dropped, 'unverified finding')} dropped; ${(stats.wall_ms / 1000).toFixed(2)} s; ` +
      `${n(stats.usage.prompt_tokens + stats.usage.completion_tokens)} tokens billed${cacheShare(stats.usage.cached_tokens, stats.cache_hit_share)}, ` +
      `${dollars(stats.cost_usd)}`,
  );
  if (skipped.length > 0) lines.push(`skipped ${skippedLine(skipped)}`);
  for (const w of warnings) lines.push(`warning: ${w}`);
  return lines.map((l) => `offload: ${l}\n`).join('');
}

const cacheShare = (cached: number, share: number): string => (cached > 0 ? ` (${n(cached)} prompt tokens cached, ${(share * 100).toFixed(1)} %)` : '');

/** `--dry-run` on stdout: every file with its tokens, then what a run would cost. */
export function formatPlan(plan: OffloadPlan): string {
  const width = Math.max(6, ...plan.files.map((f) => n(f.tokens).length));
  const out = [`${'tokens'.padStart(width)}  file`];
  for (const f of plan.files) out.push(`${n(f.tokens).padStart(width)}  ${f.path}`);
  for (const s of plan.skipped) out.push(`${'skip'.padStart(width)}  ${s.path} (${s.reason})`);
  out.push('');
  const cached = plan.cache_hits > 0 ? ` (${plural(plan.cache_hits, 'file part')} already cached)` : '';
  out.push(`${plural(plan.files.length, 'file')}, ${n(plan.tokens_read)} tokens → ${plural(plan.chunks, 'chunk')}${cached} → ${plan.calls} calls ` +
    `(${plan.chunks} readers + ${plan.calls - plan.chunks} to reduce what they find)`);
  const models = plan.map_model === plan.reduce_model ? `model ${plan.map_model ?? 'unknown'}` : `readers ${plan.map_model ?? 'unknown'}, writer ` +
    `${plan.reduce_model ?? 'unknown'}`;
  const share = plan.est_prompt_tokens > 0 ? plan.est_cached_tokens / plan.est_prompt_tokens : 0;
  out.push(
    `estimated: ${n(plan.est_prompt_tokens)} prompt tokens${cacheShare(plan.est_cached_tokens, share)}, ${n(plan.est_completion_tokens)} ` +
      `completion tokens (readers' answers at ${n(plan.expected_output_tokens)} tokens, --expect-output-tokens), ${dollars(plan.est_cost_usd)} (${models})`,
  );
  out.push(`prompt tokens counted: ${tokenizerNote(plan.tokenizers)}`);
  out.push(`at most: ${n(plan.max_completion_tokens)} completion tokens (every answer at its limit), ${dollars(plan.max_cost_usd, true)}`);
  return `${out.join('\n')}\n`;
}

