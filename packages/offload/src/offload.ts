import { createClient, type OracleClient, type Usage } from '@fanout/oracle';
import { openCache, pieceKey } from './cache.js';
import { chunkStream } from './chunk/chunk-stream.js';
import type { Chunk } from './chunk/pack.js';
import type { Piece } from './chunk/split-file.js';
import { collectFindings, reduceItems, renumberCitations, resolveConflicts, type CheckedReport, type PieceReport } from './findings.js';
import { formatAnswer } from './format.js';
import { MAP_MAX_TOKENS } from './map/map-prompt.js';
import type { MapAnswer } from './map/parse-findings.js';
import { runMap } from './map/run-map.js';
import { createPace } from './pace.js';
import { expandPaths } from './discover/discover.js';
import { resolveOptions } from './options.js';
import { offloadBudget } from './budget.js';
import { offloadMeter } from './prices.js';
import { runReduce } from './reduce/run-reduce.js';
import { estimateTokens } from './tokens.js';
import { verifyInPiece } from './verify.js';
import type { OffloadOptions, OffloadResult } from './types.js';

/** Splits a reader's answer for a chunk among its pieces: each finding goes to the piece holding its lines. */
function perPiece(chunk: Chunk, answer: MapAnswer): Map<Piece, PieceReport> {
  const out = new Map<Piece, PieceReport>(chunk.pieces.map((p) => [p, { findings: [], confidence: answer.confidence }]));
  for (const f of answer.findings) {
    const sameFile = chunk.pieces.filter((p) => p.file === f.file);
    const home =
      sameFile.find((p) => f.line_start >= p.startLine && f.line_start < p.startLine + p.lineCount) ?? sameFile[0] ?? chunk.pieces[0]!;
    (out.get(home)!.findings as unknown[]).push(f);
  }
  return out;
}

/**
 * Answers `question` from a corpus too large to read in one context: many readers (the map model)
 * each read one chunk in parallel and return findings with quotes; every quote is checked verbatim
 * against the lines it cites; a reduce model writes one short answer from the verified findings.
 * Map results are cached on disk, so a rerun reads only what changed.
 * @example const { answer, findings } = await offload({ question: 'Where are webhooks verified?', paths: ['src'] });
 */
export async function offload(input: OffloadOptions): Promise<OffloadResult> {
  const started = performance.now();
  const options = resolveOptions(input);
  const discovery = {
    paths: options.paths,
    stdin: options.stdin,
    cwd: options.cwd,
    includeUntracked: options.includeUntracked,
    maxFileBytes: options.maxFileBytes,
  };
  // Paths are checked (and directories listed) before anything is read or sent.
  const wanted = await expandPaths(discovery);
  const warnings: string[] = [];
  const client: OracleClient =
    input.client ??
    createClient({
      provider: input.provider,
      baseURL: input.baseUrl,
      model: input.model,
      concurrency: options.concurrency,
      ...(input.sim ? { sim: input.sim } : {}),
    });
  const mapModel = input.mapModel ?? input.model ?? client.model;
  const reduceModel = input.reduceModel ?? input.model ?? client.model;
  const meter = offloadMeter({ prices: input.prices, price: input.price, cwd: options.cwd }, client.provider.name, [mapModel, reduceModel]);
  const { question, budget: answerTokens } = options;
  const { limits, expectOutputTokens } = input;
  const budget = limits && offloadBudget({ limits, meter, question, mapModel, reduceModel, budget: answerTokens, expectOutputTokens });
  const cache = await openCache(options.cacheDir, options.question, mapModel, (w) => warnings.push(w));
  // Per piece, by its index in corpus order: its cache key and its checked report. Findings are
  // checked while the piece's text is at hand (a cache hit, or its reader's answer), so no file's
  // text outlives the chunk that carried it.
  const keys: string[] = [];
  const reports: CheckedReport[] = [];
  const indexOf = new WeakMap<Piece, number>();
  // Set once the whole corpus went past: only then may the cache drop what this run did not use.
  let live: string[] | undefined;
  try {
    let cacheHits = 0;
    const stream = chunkStream(wanted, discovery, options.chunkTokens, (piece, index) => {
      const key = pieceKey(piece, options.question, mapModel);
      keys[index] = key;
      indexOf.set(piece, index);
      const hit = cache.get(key);
      if (hit === undefined) return false;
      reports[index] = { findings: verifyInPiece(hit.findings, piece), confidence: hit.confidence };
      cacheHits++;
      return true;
    });
    const pace = createPace(options, (chunk) => (chunk as Chunk).tokens + MAP_MAX_TOKENS);
    const map = await runMap({
      client,
      question: options.question,
      model: mapModel,
      chunks: stream.chunks,
      total: stream.produced,
      concurrency: options.concurrency,
      retries: options.retries,
      timeoutMs: options.timeoutMs,
      pace,
      signal: input.signal,
      onProgress: input.onProgress,
      budget: budget?.map,
      onAnswer(chunk, answer) {
        for (const [piece, report] of perPiece(chunk, answer)) {
          const index = indexOf.get(piece)!;
          reports[index] = { findings: verifyInPiece(report.findings, piece), confidence: report.confidence };
          cache.put(keys[index]!, report);
        }
      },
    });
    const corpus = { files: stream.files, skipped: stream.skipped };
    if (map.chunks > 0 && map.failed === map.chunks && cacheHits === 0) throw map.firstError;
    live = keys;
    if (map.failed > 0) warnings.push(`${map.failed} of ${map.chunks} chunks could not be read; the answer leaves them out`);
    const tokensRead = corpus.files.reduce((sum, f) => sum + f.tokens, 0);
    const fileOrder = new Map(corpus.files.map((f, i) => [f.path, i]));
    // In corpus order; pieces of failed chunks have no report.
    const ordered = reports.filter((r) => r !== undefined);
    const { findings, unverifiedDropped } = collectFindings(ordered, fileOrder, options.keepUnverified);
    budget?.check(map.budgetStopped, map.chunks - map.failed, findings.length > 0 ? reduceItems(findings) : []);

    let answer = `Nothing in the ${corpus.files.length} file${corpus.files.length === 1 ? '' : 's'} read answers this.`;
    let reduceCalls = 0;
    let reduceLevels = 0;
    let reduceUsage: Usage = { prompt_tokens: 0, completion_tokens: 0 };
    let conflicts: OffloadResult['conflicts'] = [];
    if (findings.length > 0) {
      const reduced = await runReduce({
        client,
        question: options.question,
        model: reduceModel,
        items: reduceItems(findings),
        budget: options.budget,
        inputTokens: options.reduceInputTokens,
        concurrency: options.concurrency,
        retries: options.retries,
        timeoutMs: options.timeoutMs,
        pace,
        signal: input.signal,
      });
      answer = renumberCitations(reduced.answer, findings.length);
      conflicts = resolveConflicts(reduced.conflicts, findings);
      reduceCalls = reduced.calls;
      reduceLevels = reduced.levels;
      reduceUsage = reduced.usage;
      warnings.push(...reduced.warnings);
    }

    meter.add(mapModel, map.usage);
    meter.add(reduceModel, reduceUsage);
    const cost = meter.totals();
    const text = formatAnswer({ answer, findings, conflicts });
    return {
      answer,
      findings,
      conflicts,
      skipped: corpus.skipped,
      warnings,
      stats: {
        files: corpus.files.length,
        files_skipped: corpus.skipped.length,
        chunks: map.chunks,
        calls: map.calls + reduceCalls,
        map_calls: map.calls,
        reduce_calls: reduceCalls,
        reduce_levels: reduceLevels,
        cache_hits: cacheHits,
        failed_chunks: map.failed,
        tokens_read: tokensRead,
        tokens_answer: estimateTokens(text),
        unverified_dropped: unverifiedDropped,
        usage: { prompt_tokens: cost.prompt_tokens, completion_tokens: cost.completion_tokens, cached_tokens: cost.cached_tokens },
        cost_usd: cost.cost_usd,
        cache_hit_share: cost.cache_hit_share,
        wall_ms: Math.round(performance.now() - started),
      },
    };
  } finally {
    await cache.close(live);
    if (!input.client) await client.close();
  }
}

