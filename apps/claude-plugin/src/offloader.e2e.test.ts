// The plugin's `offloader` subagent and `/fanout:offload` in the real CLI, offline: the fake model
// launches the subagent, which runs the command its definition gives (offload on the built-in
// simulator) and relays the answer; the slash command runs offload and hands its output to the model.
import { describe, expect, test } from '@jest/globals';
import { toolResults, type RecordedRequest } from '@fanout/claude-e2e';
import { PLUGIN_ROOT } from './plugin-root.js';
import { SUBAGENT_TASK, isSubagentRequest } from './test-helpers/agent-turns.js';
import { lastRequestTexts, runWithPlugin } from './test-helpers/plugin-run.js';

const QUESTION = 'Where is the zephyr quokka threshold set?';
const FILES = {
  'src/config.ts': 'export const name = "app";\n\nexport const ZEPHYR_QUOKKA_THRESHOLD = 42; // zephyr quokka threshold\n',
  'src/other.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
};

function systemText(request: RecordedRequest): string {
  const system = (request.body as { system?: unknown } | undefined)?.system;
  if (typeof system === 'string') return system;
  return Array.isArray(system) ? system.map((b: { text?: unknown }) => (typeof b.text === 'string' ? b.text : '')).join('\n') : '';
}

/** The command line the subagent's definition tells it to run, with the question and paths filled in. */
function commandFrom(system: string): string {
  const line = /node "([^"]+)\/bin\/fanout\.mjs" offload/.exec(system);
  if (!line) return 'echo "no offload command in the subagent prompt"';
  return `node "${line[1]}/bin/fanout.mjs" offload --provider sim --no-cache "${QUESTION}" src`;
}

describe('offload in Claude Code', () => {
  test('the offloader subagent runs offload with the command its definition gives and relays the verified answer', async () => {
    let prompt = '';
    const run = await runWithPlugin({
      prompt: 'find where the threshold is set',
      files: FILES,
      allowedTools: ['Bash'],
      turns: [
        (request) => {
          if (!isSubagentRequest(request)) {
            return {
              toolUse: {
                name: 'Agent',
                input: { description: 'offload', prompt: `${SUBAGENT_TASK}: ${QUESTION} (in src)`, subagent_type: 'fanout:offloader' },
              },
            };
          }
          prompt = systemText(request);
          return { toolUse: { name: 'Bash', input: { command: commandFrom(prompt), description: 'offload the question' } } };
        },
        (request) => (isSubagentRequest(request) ? { text: 'OFFLOADER-RELAYED' } : { text: 'main done' }),
        { text: 'main done' },
      ],
    });
    expect(run.result).toMatchObject({ subtype: 'success', is_error: false, result: 'main done' });
    expect(prompt).toContain("fanout's `offload` does the reading");
    // Claude Code fills in ${CLAUDE_PLUGIN_ROOT} in a plugin agent's prompt.
    expect(prompt).toContain(`node "${PLUGIN_ROOT}/bin/fanout.mjs" offload "<the question>" <paths…>`);
    const bash = toolResults(run.requests).find((r) => r.content.includes('Sources:'));
    expect(bash?.isError).toBe(false);
    expect(bash?.content).toMatch(/\[1\] src\/config\.ts:3 — /);
    expect(bash?.content).toContain('ZEPHYR_QUOKKA_THRESHOLD = 42');
  });

  test('/fanout:offload runs offload on the arguments and hands the answer with its sources to the model', async () => {
    const run = await runWithPlugin({ prompt: `/fanout:offload --provider sim --no-cache "${QUESTION}" src`, files: FILES, turns: [{ text: 'relayed' }] });
    expect(run.result).toMatchObject({ subtype: 'success', result: 'relayed' });
    const texts = lastRequestTexts(run.requests);
    const expanded = texts[texts.findIndex((t) => t.includes('<command-name>')) + 1] ?? '';
    expect(expanded).toMatch(/\[1\] src\/config\.ts:3 — /);
    expect(expanded).toMatch(/offload: read 2 files: 1 chunk → 1 reader call \+ 1 reduce call/);
    expect(expanded).toContain('Give the user the answer with its `file:line` sources');
  });
});
