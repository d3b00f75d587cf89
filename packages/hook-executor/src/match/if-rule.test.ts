import { describe, expect, test } from '@jest/globals';
import { ifRuleMatches } from './if-rule.js';

const pre = (tool_name: string, tool_input: Record<string, unknown>, cwd = '/proj') => ({ tool_name, tool_input, cwd });

describe('if rules (permission-rule syntax, fail open)', () => {
  test('Bash(git *) matches git commands, also inside a compound command', () => {
    expect(ifRuleMatches('Bash(git *)', 'PreToolUse', pre('Bash', { command: 'git status' }), '/proj')).toBe(true);
    expect(ifRuleMatches('Bash(git *)', 'PreToolUse', pre('Bash', { command: 'ls -la' }), '/proj')).toBe(false);
    expect(ifRuleMatches('Bash(git *)', 'PreToolUse', pre('Bash', { command: 'cd x && git push' }), '/proj')).toBe(true);
  });

  test('legacy prefix form Bash(npm run test:*)', () => {
    expect(ifRuleMatches('Bash(npm run test:*)', 'PreToolUse', pre('Bash', { command: 'npm run test -- --watch' }), '/p')).toBe(true);
    expect(ifRuleMatches('Bash(npm run test:*)', 'PreToolUse', pre('Bash', { command: 'npm run build' }), '/p')).toBe(false);
  });

  test('a command too complex to parse fails open', () => {
    expect(ifRuleMatches('Bash(git *)', 'PreToolUse', pre('Bash', { command: 'echo $(whoami)' }), '/p')).toBe(true);
  });

  test('file tools: a name pattern matches at any depth, anchored patterns from their root', () => {
    expect(ifRuleMatches('Edit(*.ts)', 'PreToolUse', pre('Edit', { file_path: '/proj/src/a.ts' }), '/proj')).toBe(true);
    expect(ifRuleMatches('Edit(*.ts)', 'PreToolUse', pre('Edit', { file_path: '/proj/src/a.js' }), '/proj')).toBe(false);
    expect(ifRuleMatches('Edit(/src/**)', 'PreToolUse', pre('Edit', { file_path: '/proj/src/deep/a.js' }), '/proj')).toBe(true);
    expect(ifRuleMatches('Edit(/src/**)', 'PreToolUse', pre('Edit', { file_path: '/proj/lib/a.js' }), '/proj')).toBe(false);
    expect(ifRuleMatches('Write(//etc/*)', 'PreToolUse', pre('Write', { file_path: '/etc/hosts' }), '/proj')).toBe(true);
  });

  test('the tool name must match; Task and Agent are aliases; mcp__server covers its tools', () => {
    expect(ifRuleMatches('Edit(*.ts)', 'PreToolUse', pre('Write', { file_path: '/a.ts' }), '/')).toBe(false);
    expect(ifRuleMatches('Task', 'PreToolUse', pre('Agent', { prompt: 'x' }), '/')).toBe(true);
    expect(ifRuleMatches('mcp__github', 'PreToolUse', pre('mcp__github__create_issue', {}), '/')).toBe(true);
    expect(ifRuleMatches('WebFetch(domain:example.com)', 'PreToolUse', pre('WebFetch', { url: 'https://example.com/x' }), '/')).toBe(true);
    expect(ifRuleMatches('WebFetch(domain:example.com)', 'PreToolUse', pre('WebFetch', { url: 'https://evil.com/x' }), '/')).toBe(false);
  });

  test('on events without tool context a handler with `if` never runs', () => {
    expect(ifRuleMatches('Bash(*)', 'UserPromptSubmit', { prompt: 'x' }, '/')).toBe(false);
    expect(ifRuleMatches('Bash(*)', 'PostToolUse', pre('Bash', { command: 'ls' }), '/')).toBe(true);
  });
});
