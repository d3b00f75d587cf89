// `if` on a handler: one permission rule such as `Bash(git *)` or `Edit(*.ts)` (spec §1.1).
// Evaluated only on tool events; elsewhere a handler with `if` never runs. Best effort and fail
// open: whatever cannot be understood lets the hook run, as Claude Code does.
import os from 'node:os';
import path from 'node:path';
import { eventSpec } from '../events.js';
import type { HookInput } from '../types.js';
import { globMatches, globSource } from './glob.js';

const RULE = /^\s*([A-Za-z0-9_*.-]+)\s*(?:\(([\s\S]*)\))?\s*$/;
const PATH_TOOLS = new Set(['Read', 'Edit', 'Write', 'MultiEdit', 'NotebookEdit', 'NotebookRead', 'Glob', 'Grep', 'LS']);
const AGENT_TOOLS = new Set(['Agent', 'Task']);

function toolMatches(ruleTool: string, toolName: string): boolean {
  if (ruleTool === toolName) return true;
  if (AGENT_TOOLS.has(ruleTool) && AGENT_TOOLS.has(toolName)) return true;
  if (ruleTool.startsWith('mcp__')) {
    if (ruleTool.includes('*')) return globMatches(ruleTool, toolName);
    return toolName.startsWith(`${ruleTool}__`); // a server name covers all its tools
  }
  return ruleTool.includes('*') && globMatches(ruleTool, toolName);
}

/** Splits a shell command into simple commands; undefined when it is too complex to judge. */
function subcommands(command: string): string[] | undefined {
  if (/`|\$\(|<<|<\(|>\(/.test(command)) return undefined;
  return command
    .split(/&&|\|\||[;|&\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function bashMatches(pattern: string, command: unknown): boolean {
  if (typeof command !== 'string') return true;
  const legacyPrefix = pattern.endsWith(':*') ? pattern.slice(0, -2) : undefined;
  const test = (cmd: string) =>
    legacyPrefix !== undefined ? cmd === legacyPrefix || cmd.startsWith(`${legacyPrefix} `) : globMatches(pattern, cmd);
  const parts = subcommands(command);
  if (parts === undefined) return true;
  return test(command.trim()) || parts.some(test);
}

function pathMatches(pattern: string, file: unknown, cwd: string, projectDir: string): boolean {
  if (typeof file !== 'string' || file === '') return true;
  const absolute = path.resolve(cwd, file).split(path.sep).join('/');
  let root: string | undefined;
  let glob = pattern;
  if (pattern.startsWith('//')) {
    root = '';
    glob = pattern.slice(1);
  } else if (pattern.startsWith('~/')) {
    root = os.homedir();
    glob = pattern.slice(1);
  } else if (pattern.startsWith('/')) {
    root = projectDir;
  } else if (pattern.startsWith('./')) {
    root = cwd;
    glob = pattern.slice(1);
  } else if (pattern.includes('/')) {
    root = cwd;
    glob = `/${pattern}`;
  }
  if (root === undefined) {
    // gitignore style: a pattern without a slash matches a name at any depth
    return new RegExp(`(?:^|/)${globSource(pattern, false)}$`, 's').test(absolute);
  }
  const base = root.split(path.sep).join('/').replace(/\/$/, '');
  return new RegExp(`^${globSource(base + glob, false)}(?:/.*)?$`, 's').test(absolute);
}

function domainMatches(pattern: string, url: unknown): boolean {
  if (!pattern.startsWith('domain:') || typeof url !== 'string') return true;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return true;
  }
  const want = pattern.slice('domain:'.length);
  return want.startsWith('*.') ? host.endsWith(want.slice(1)) : host === want;
}

/**
 * Whether a handler with `if: rule` runs for this input.
 * @param projectDir root for `/path` patterns
 */
export function ifRuleMatches(rule: string, event: string, input: HookInput, projectDir: string): boolean {
  if (!eventSpec(event).ifRules) return false;
  const parsed = RULE.exec(rule);
  if (!parsed) return true;
  const [, ruleTool = '', rawPattern] = parsed;
  const toolName = typeof input.tool_name === 'string' ? input.tool_name : '';
  if (!toolMatches(ruleTool, toolName)) return false;
  const pattern = rawPattern?.trim();
  if (pattern === undefined || pattern === '' || pattern === '*') return true;
  const toolInput = (input.tool_input ?? {}) as Record<string, unknown>;
  const cwd = typeof input.cwd === 'string' ? input.cwd : projectDir;
  if (toolName === 'Bash') return bashMatches(pattern, toolInput.command);
  if (PATH_TOOLS.has(toolName)) {
    return pathMatches(pattern, toolInput.file_path ?? toolInput.notebook_path ?? toolInput.path, cwd, projectDir);
  }
  if (toolName === 'WebFetch') return domainMatches(pattern, toolInput.url);
  if (toolName === 'WebSearch' && typeof toolInput.query === 'string') return globMatches(pattern, toolInput.query);
  if (AGENT_TOOLS.has(toolName) && typeof toolInput.subagent_type === 'string') {
    return globMatches(pattern, toolInput.subagent_type);
  }
  return true;
}
