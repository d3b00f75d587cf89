// Cost of the demo's workloads (`npm run demo`: oracle --batch, council, swarm --n 1000, offload over
// this repository) plus a council over a design document (README.md) whose prompts the cache serves.
// Each runs once against llm-sim with the demo's scripted answers, asking for the cheap model by name:
// the sim counts its tokens with OpenAI's tokenizer for it (o200k_base, chat framing included), as
// the real API bills them. The tokens it accounts (prompt, cached by llm-sim's prefix cache — OpenAI's
// rule: 1,024 tokens, then 128-token steps — and completion) are priced at two real price points from
// oracle's price table, without and with prompt caching and the Batch API's half price. The estimate
// rows compare `--dry-run` (which counts with the same tokenizer, given the answers' real mean length:
// an answer's length is not knowable before) with what was accounted.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { loadPrices, tokenizerFor, usageCost, type ResolvedPrice, type Usage } from '@fanout/oracle';
import { REPO_ROOT } from '../sim-process.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const CHEAP = 'gpt-5.4-nano';
const FRONTIER = 'gpt-5.5';
const RULES = path.join(REPO_ROOT, 'apps/demo/fixtures/sim-rules.json');
const QUESTION = 'Should we migrate our public REST API from offset to cursor pagination?';
const ISOLATION = 'Which default isolation level should our Postgres OLTP service use: read committed or serializable?';

// The tools' --json output, read field by field as each documents it.
// biome-ignore lint/suspicious/noExplicitAny: several tools' JSON shapes, each read in one line below.
type Json = Record<string, any>;

interface Workload {
  readonly name: string;
  readonly tool: 'oracle' | 'council' | 'swarm' | 'offload';
  /** The run's flags after `SIM` (the sim's address and the model). */
  readonly args: readonly string[];
  /** offload's reader: share of its quotes the sim makes up (for the verifier to catch). */
  readonly fabricateRate?: number;
  /** Tokens accounted, and calls made, from the tool's --json. */
  usage(json: Json): { usage: Usage; calls: number };
  /** `--dry-run` flags (after `SIM`) whose estimate covers the same calls (given the run's --json); none when not compared. */
  dryRun?(json: Json): readonly string[];
}

const design = () => `${readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')}\n\nIs this design sound?`;

const WORKLOADS: readonly Workload[] = [
  {
    name: 'oracle --batch judge,critic,skeptic',
    tool: 'oracle',
    args: ['--batch', 'judge,critic,skeptic', '--json', QUESTION],
    usage: (j) => ({ usage: j.usage, calls: j.results.length }),
  },
  {
    name: 'council 3 personas × 3 rounds --speculative',
    tool: 'council',
    args: ['--personas', 'judge,critic,skeptic', '--rounds', '3', '--speculative', '--json', QUESTION],
    // Not compared with --dry-run: the round started speculatively is billed as far as it ran before
    // round 2 converged, which an estimate of the rounds cannot know.
    usage: (j) => ({ usage: j.usage, calls: j.calls - j.cancelled_calls }),
  },
  {
    name: 'council over README.md (design review, 3 rounds)',
    tool: 'council',
    args: ['--rounds', '3', '--json', design()],
    usage: (j) => ({ usage: j.usage, calls: j.calls - j.cancelled_calls }),
    dryRun: (j) => ['--rounds', String(j.rounds.length), design()],
  },
  {
    name: 'swarm --n 1000 --vote',
    tool: 'swarm',
    args: ['--n', '1000', '--vote', '--json', ISOLATION],
    usage: (j) => ({ usage: { prompt_tokens: j.tokens.prompt, completion_tokens: j.tokens.completion, cached_tokens: j.tokens.cached }, calls: j.ok }),
    dryRun: () => ['--n', '1000', '--vote', ISOLATION],
  },
  {
    name: 'offload over packages/*/src/**',
    tool: 'offload',
    args: ['--no-cache', '--json', 'Where are secrets redacted?', 'packages/*/src/**'],
    fabricateRate: 0.2,
    usage: (j) => ({ usage: j.stats.usage, calls: j.stats.calls }),
    dryRun: () => ['--no-cache', 'Where are secrets redacted?', 'packages/*/src/**'],
  },
];

/** Runs a built CLI in the repository's root with CI set; resolves with its stdout (rejects on a non-zero exit). */
function tool(name: Workload['tool'], args: readonly string[]): Promise<string> {
  const bin = path.join(REPO_ROOT, 'packages', name, 'bin', `${name}.js`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${name} exited ${code}: ${stderr.slice(-500)}`))));
  });
}

/** Tokens of an estimate, whatever tool printed it. */
function estimated(json: Json): Usage {
  if (json.est_prompt_tokens !== undefined) {
    return { prompt_tokens: json.est_prompt_tokens, cached_tokens: json.est_cached_tokens, completion_tokens: json.est_completion_tokens };
  }
  return { prompt_tokens: json.prompt_tokens, cached_tokens: json.cached_tokens, completion_tokens: json.completion_tokens };
}

/** Dollars of one run at `price`: list, with the cache's hits, through the Batch API, and both. */
function ways(price: ResolvedPrice, usage: Usage) {
  const uncached = { ...usage, cached_tokens: 0 };
  return { list: usageCost(price, uncached), cached: usageCost(price, usage), batch: usageCost(price, uncached, true), both: usageCost(price, usage, true) };
}

const perK = (usd: number) => Math.round(usd * 1000 * 100) / 100;
const fmt = (usd: number) => `$${perK(usd).toFixed(2)}`;
const n = (x: number) => Math.round(x).toLocaleString('en-US');

export const suite: BenchSuite = {
  name: 'cost',
  quick: false,
  async run(context: BenchContext): Promise<BenchRow[]> {
    const table = loadPrices({ cwd: REPO_ROOT });
    const cheap = table.lookup('openai', CHEAP);
    const frontier = table.lookup('openai', FRONTIER);
    if (!cheap || !frontier) throw new Error(`the price table has no ${CHEAP} or ${FRONTIER}`);
    // One sim for every run, billing the cheap model's tokens as OpenAI counts them; the runs ask for it by name.
    const sim: SimServer = await startSim({ models: [CHEAP], rules: RULES, tokenizer: tokenizerFor });
    const SIM = ['--provider', 'sim', '--base-url', sim.baseURL, '--model', CHEAP];
    const rows: BenchRow[] = [];
    const markdown = [
      `| workload (one run) | tokens in (cached) / out | ${CHEAP}: list · cached · batch · batch+cached | ${FRONTIER}: list · cached · batch · batch+cached |`,
      '|---|---|---|---|',
    ];
    try {
      for (const workload of WORKLOADS) {
        // Each run starts with an empty prompt cache, as a first run would.
        sim.setOptions({ promptCache: {}, fabricateRate: workload.fabricateRate ?? 0 });
        const json = JSON.parse(await tool(workload.tool, [...SIM, ...workload.args])) as Json;
        const { usage, calls } = workload.usage(json);
        const low = ways(cheap, usage);
        const high = ways(frontier, usage);
        const tokens = `${n(usage.prompt_tokens)} (${n(usage.cached_tokens ?? 0)}) / ${n(usage.completion_tokens)}`;
        const all = (w: ReturnType<typeof ways>) => [w.list, w.cached, w.batch, w.both].map(fmt).join(' · ');
        markdown.push(`| ${workload.name} | ${tokens} | ${all(low)} | ${all(high)} |`);
        context.log(`cost: ${workload.name}: ${calls} calls, ${tokens} tokens; per 1k runs ${CHEAP} ${all(low)}, ${FRONTIER} ${all(high)}`);
        rows.push({
          work: `cost of ${workload.name}, ${CHEAP}, per 1,000 runs`,
          unit: '$',
          baseline: { name: 'list price', ms: perK(low.list) },
          peer: { name: 'Batch API + prompt cache', ms: perK(low.both) },
          fanout: perK(low.cached),
          ratio: low.list > 0 ? Math.round((low.cached / low.list) * 1000) / 1000 : 1,
          ratioAgainst: 'list price',
          target: '≤ 1× (reported)',
          pass: low.cached <= low.list,
          note:
            `${calls} calls, tokens per run ${tokens}; ${FRONTIER} per 1,000 runs: list ${fmt(high.list)}, cached ${fmt(high.cached)}, ` +
            `batch ${fmt(high.batch)}, batch+cached ${fmt(high.both)}`,
        });
        if (!workload.dryRun) continue;
        // The estimate, told the answers' real mean length; priced at the cheap price like the run.
        const mean = Math.max(1, Math.round(usage.completion_tokens / Math.max(1, calls)));
        const flags = [...SIM, ...workload.dryRun(json), '--dry-run', '--json', '--expect-output-tokens', String(mean)];
        const dry = JSON.parse(await tool(workload.tool, flags)) as Json;
        const planned = usageCost(cheap, estimated(dry));
        const ratio = Math.round((planned / low.cached) * 1000) / 1000;
        rows.push({
          work: `--dry-run estimate of ${workload.name}`,
          unit: '$',
          baseline: { name: 'accounted', ms: perK(low.cached) },
          fanout: perK(planned),
          ratio,
          ratioAgainst: 'accounted',
          target: 'within ±10 %',
          pass: Math.abs(ratio - 1) <= 0.1,
          note:
            `answers at ${mean} tokens (the run's mean); ${n(estimated(dry).prompt_tokens)} prompt tokens estimated ` +
            `vs ${n(usage.prompt_tokens)} accounted, counted with ${Object.values(dry.tokenizers ?? {}).join(', ') || 'unknown'}`,
        });
      }
    } finally {
      await sim.close();
    }
    context.log(`cost table (per 1,000 runs; prices of ${table.date}):\n${markdown.join('\n')}`);
    return rows;
  },
};
