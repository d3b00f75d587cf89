// fanout-mcp in the real Claude Code CLI (offline, against the fake Anthropic API): the fake model
// calls the tools as `mcp__fanout__<tool>`, and what Claude Code sends back in the next request is
// what a real model would read. The tools run on the simulator built into fanout (provider "sim"),
// so no key and no network are needed.
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { packageDir } from './claude-binary.js';
import { messageRequests } from './received.js';
import type { RecordedRequest } from './recorded-request.js';
import { runClaude, type ClaudeRun } from './run-claude.js';
import type { Turn } from './script.js';
import { observe } from './observe.js';

/** The built `fanout-mcp` of this checkout. */
function fanoutMcpBin(): string {
  const linked = path.join(packageDir, 'node_modules/@fanout/mcp');
  const dir = existsSync(linked) ? realpathSync(linked) : path.resolve(packageDir, '../../packages/mcp');
  if (!existsSync(path.join(dir, 'dist/cli.js'))) throw new Error(`@fanout/mcp is not built (${dir}/dist/cli.js is missing)`);
  return path.join(dir, 'bin/fanout-mcp.js');
}

const PLUGIN_DIR = path.resolve(packageDir, '../claude-plugin');

/** `claude -p` with fanout-mcp registered as server `fanout` through `--mcp-config`, its tools allowed. */
function runWithServer(turns: readonly Turn[], env: Record<string, string> = {}): Promise<ClaudeRun> {
  const config = { mcpServers: { fanout: { command: process.execPath, args: [fanoutMcpBin()], env } } };
  return runClaude({
    prompt: 'Ask fanout for opinions.',
    settings: {},
    files: { 'mcp.json': JSON.stringify(config) },
    allowedTools: ['mcp__fanout'],
    extraArgs: ['--mcp-config', 'mcp.json', '--strict-mcp-config'],
    turns,
  });
}

function offeredTools(request: RecordedRequest): { name: string; input_schema?: { properties?: Record<string, unknown> } }[] {
  return ((request.body as { tools?: { name: string }[] } | undefined)?.tools ?? []).filter((tool) => tool.name.startsWith('mcp__'));
}

/** A tool result's JSON (Claude Code 2.1.197 hands the model a tool's structuredContent as JSON text). */
function json(content: string): Record<string, unknown> {
  return JSON.parse(content) as Record<string, unknown>;
}

describe('fanout-mcp registered with --mcp-config', () => {
  test('the model is offered every tool; oracle and swarm called in one turn; their results reach the next request', async () => {
    let offered: ReturnType<typeof offeredTools> = [];
    const run = await runWithServer([
      (request) => {
        offered = offeredTools(request);
        return {
          toolUse: [
            { name: 'mcp__fanout__oracle', input: { prompt: 'Should we ship on Friday?', personas: ['judge', 'critic'], provider: 'sim' } },
            { name: 'mcp__fanout__swarm', input: { prompt: 'Pick A or B; end with "Answer: X".', n: 12, vote: true, provider: 'sim' } },
          ],
        };
      },
      { text: 'both answered' },
    ]);
    expect(offered.map((tool) => tool.name).sort()).toEqual(['council', 'hooks_report', 'offload', 'oracle', 'swarm'].map((name) => `mcp__fanout__${name}`));
    expect(Object.keys(offered.find((tool) => tool.name === 'mcp__fanout__swarm')!.input_schema!.properties!)).toEqual(
      expect.arrayContaining(['prompt', 'input_file', 'n', 'vote', 'early_stop', 'extract', 'out', 'provider']),
    );
    const seen = observe(run);
    expect(seen).toMatchObject({ exitCode: 0, isError: false, resultText: 'both answered', modelRequests: 2 });
    const [oracle, swarm] = seen.toolResults;
    expect(oracle).toMatchObject({ toolUseId: 'toolu_fake_0_0', isError: false });
    expect(swarm).toMatchObject({ toolUseId: 'toolu_fake_0_1', isError: false });
    const answers = json(oracle!.content)['results'] as { persona: string; model: string; content: string }[];
    expect(answers.map((answer) => [answer.persona, answer.model])).toEqual([
      ['judge', 'sim-1'],
      ['critic', 'sim-1'],
    ]);
    expect(answers.every((answer) => answer.content.length > 20)).toBe(true);
    const summary = json(swarm!.content);
    expect(summary).toMatchObject({ n: 12, ok: 12, failed: 0, winner: expect.any(String), out: expect.stringMatching(/\.jsonl$/) });
    // No `out` given: the results went to a temp file, named in the result.
    expect(readFileSync(summary['out'] as string, 'utf8').trim().split('\n')).toHaveLength(12);
    rmSync(summary['out'] as string);
    // The results are in the request that follows the tool calls, where the model reads them.
    const next = messageRequests(run.requests)[1]!;
    expect(JSON.stringify(next.body)).toContain('\\"persona\\":\\"critic\\"');
  });

  test('a failing call is an error result the model can act on, and the session goes on', async () => {
    const run = await runWithServer([
      // No key and no provider in the server's environment: the error says what to set.
      { toolUse: { name: 'mcp__fanout__oracle', input: { prompt: 'Should we ship?' } } },
      { toolUse: { name: 'mcp__fanout__oracle', input: { prompt: 'Should we ship?', personas: ['nobody'], provider: 'sim' } } },
      { toolUse: { name: 'mcp__fanout__oracle', input: { prompt: 'Should we ship?', provider: 'sim' } } },
      { text: 'recovered' },
    ]);
    const seen = observe(run);
    expect(seen).toMatchObject({ exitCode: 0, isError: false, resultText: 'recovered', modelRequests: 4 });
    const [noKey, badPersona, fine] = seen.toolResults;
    expect(noKey).toMatchObject({ isError: true, content: expect.stringContaining('OPENAI_API_KEY') });
    expect(noKey!.content).toContain('provider: "sim"');
    expect(badPersona).toMatchObject({ isError: true, content: expect.stringContaining('unknown persona "nobody"') });
    expect(fine!.isError).toBe(false);
    expect(json(fine!.content)['results']).toEqual([expect.objectContaining({ persona: 'default', model: 'sim-1' })]);
  });
});

describe('fanout-mcp shipped by the plugin', () => {
  test('--plugin-dir alone gives the model the tools (the plugin’s .mcp.json starts fanout-mcp from this checkout)', async () => {
    let oracleName = '';
    const run = await runClaude({
      prompt: 'Ask fanout.',
      settings: {},
      allowedTools: ['mcp__plugin_fanout_fanout'],
      extraArgs: ['--plugin-dir', PLUGIN_DIR],
      turns: [
        (request) => {
          oracleName = offeredTools(request).find((tool) => tool.name.endsWith('__oracle'))?.name ?? 'no oracle tool offered';
          return { toolUse: { name: oracleName, input: { prompt: 'Ship it?', personas: ['judge'], provider: 'sim' } } };
        },
        { text: 'done' },
      ],
    });
    expect(oracleName).toBe('mcp__plugin_fanout_fanout__oracle');
    const seen = observe(run);
    expect(seen).toMatchObject({ exitCode: 0, resultText: 'done' });
    expect(seen.toolResults).toHaveLength(1);
    expect(seen.toolResults[0]!.isError).toBe(false);
    expect(json(seen.toolResults[0]!.content)['results']).toEqual([expect.objectContaining({ persona: 'judge' })]);
  });
});
