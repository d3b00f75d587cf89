import { describe, expect, test } from '@jest/globals';
import { isRegexMatcher, matcherMatches } from './matcher.js';

describe('matcherMatches (Claude Code §1.3)', () => {
  test('"*", "" and omitted match everything', () => {
    for (const m of ['*', '', undefined]) expect(matcherMatches(m, 'Anything')).toBe(true);
  });

  test('exact names, split on | or , with whitespace tolerated', () => {
    expect(matcherMatches('Bash', 'Bash')).toBe(true);
    expect(matcherMatches('Bash', 'BashOutput')).toBe(false);
    expect(matcherMatches('Edit|Write', 'Write')).toBe(true);
    expect(matcherMatches('Edit, Write', 'Write')).toBe(true);
    expect(matcherMatches('Edit | MultiEdit', 'MultiEdit')).toBe(true);
    expect(matcherMatches('Edit|Write', 'NotebookEdit')).toBe(false);
  });

  test('hyphens stay in the exact set (code-reviewer does not hit senior-code-reviewer)', () => {
    expect(isRegexMatcher('code-reviewer')).toBe(false);
    expect(matcherMatches('code-reviewer', 'senior-code-reviewer')).toBe(false);
    expect(matcherMatches('code-reviewer', 'code-reviewer')).toBe(true);
  });

  test('anything else is an unanchored RegExp', () => {
    expect(matcherMatches('Edit.*', 'NotebookEdit')).toBe(true);
    expect(matcherMatches('^Edit$', 'NotebookEdit')).toBe(false);
    expect(matcherMatches('^Edit$', 'Edit')).toBe(true);
    expect(matcherMatches('Notebook.*|Write', 'Write')).toBe(true);
  });

  test('case-sensitive', () => {
    expect(matcherMatches('bash', 'Bash')).toBe(false);
    expect(matcherMatches('[Bb]ash', 'bash')).toBe(true);
  });

  test('MCP tools: mcp__server__.* matches, a bare mcp__server is an exact name that matches nothing', () => {
    expect(matcherMatches('mcp__memory__.*', 'mcp__memory__create_entities')).toBe(true);
    expect(matcherMatches('mcp__memory', 'mcp__memory__create_entities')).toBe(false);
    expect(matcherMatches('mcp__.*__write.*', 'mcp__github__write_file')).toBe(true);
    expect(matcherMatches('mcp__plugin_x_srv__.*', 'mcp__plugin_x_srv__go')).toBe(true);
  });

  test('FileChanged/StopFailure: the exact set has no hyphen, comma or space', () => {
    expect(isRegexMatcher('rate-limit', true)).toBe(true);
    expect(matcherMatches('rate-limit', 'rate-limit-exceeded', true)).toBe(true); // unanchored regex there
    expect(matcherMatches('package_json|envrc', 'envrc', true)).toBe(true);
  });

  test('an invalid pattern matches nothing instead of throwing', () => {
    expect(matcherMatches('Edit(', 'Edit(')).toBe(false);
  });
});
