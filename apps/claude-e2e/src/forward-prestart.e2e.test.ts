// `install --mode forward` in the real CLI: Claude Code runs the launcher, which hands the event to
// the warm server, where python and node hooks run in pre-started interpreters from the second
// prompt on. Against the same hooks registered directly (Claude Code starting each interpreter):
// the same argv, cwd, __name__ / require.main, sys.path[0] and environment; a file changed between
// two prompts is seen; an exit-2 block is byte for byte the same; a hook killed at its timeout leaves
// no process behind.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startClaudeSession, type ClaudeSession } from './claude-session.js';
import { startExecutorServer, type ExecutorServer } from './executor-server.js';
import { EXECUTOR_CONFIG_PATH, launcherHandler, type HookHandler } from './hook-modes.js';
import { requestText } from './received.js';

const PY_SELF = `import json, os, sys
data = json.load(sys.stdin)
word = data["prompt"].split()[-1]
report = {"argv": sys.argv, "orig_argv": sys.orig_argv, "cwd": os.getcwd(), "env": dict(os.environ), "name": __name__, "path0": sys.path[0], "file": __file__}
open(os.path.join(os.environ["CLAUDE_PROJECT_DIR"], "self-py-" + word + ".json"), "w").write(json.dumps(report))
print("ctx-py", word)
`;
const NODE_SELF = `const fs = require('fs'); const path = require('path');
let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => {
  const word = JSON.parse(s).prompt.split(' ').pop();
  const report = { argv: process.argv, execArgv: process.execArgv, cwd: process.cwd(), env: process.env, main: require.main === module, filename: __filename };
  fs.writeFileSync(path.join(process.env.CLAUDE_PROJECT_DIR, 'self-node-' + word + '.json'), JSON.stringify(report));
  console.log('ctx-node', word);
});
`;
const PY_DATA = `import os
print("data:", open(os.path.join(os.environ["CLAUDE_PROJECT_DIR"], "data.txt")).read().strip())
`;
const PY_GATE = `import json, sys
prompt = json.load(sys.stdin)["prompt"]
if "block" in prompt:
    sys.stderr.write("the gate says no to: " + prompt + "\\n")
    sys.exit(2)
`;
const PY_SLOW = `import json, os, subprocess, sys, time
prompt = json.load(sys.stdin)["prompt"]
if "slow" in prompt:
    child = subprocess.Popen(["sleep", "60"])
    open(os.path.join(os.environ["CLAUDE_PROJECT_DIR"], "slow.pid"), "w").write(f"{os.getpid()} {child.pid}")
    time.sleep(60)
`;

const HOOKS: HookHandler[] = [
  { type: 'command', command: 'python3 "$CLAUDE_PROJECT_DIR"/.claude/hooks/self.py first-arg' },
  { type: 'command', command: 'node "$CLAUDE_PROJECT_DIR"/.claude/hooks/self.cjs first-arg' },
  { type: 'command', command: 'python3 .claude/hooks/data.py' },
  { type: 'command', command: 'python3 .claude/hooks/gate.py' },
  { type: 'command', command: 'python3 .claude/hooks/slow.py', timeout: 2 },
];
const FILES = {
  '.claude/hooks/self.py': PY_SELF,
  '.claude/hooks/self.cjs': NODE_SELF,
  '.claude/hooks/data.py': PY_DATA,
  '.claude/hooks/gate.py': PY_GATE,
  '.claude/hooks/slow.py': PY_SLOW,
  'data.txt': 'first version\n',
};

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** A self-report with what legitimately differs between two sessions replaced (project dir, session, API port). */
function normalized(file: string, projectDir: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8').replaceAll(projectDir, '<project>');
  const report = JSON.parse(text) as { env: Record<string, string> };
  const { CLAUDE_CODE_SESSION_ID: _session, ANTHROPIC_BASE_URL: _api, ...env } = report.env;
  return { ...report, env: Object.fromEntries(Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) };
}

let server: ExecutorServer;
let direct: ClaudeSession;
let forward: ClaudeSession;

beforeAll(async () => {
  server = await startExecutorServer();
  const env = { HOOK_EXECUTOR_STATE_DIR: server.stateDir, HOOK_MONITOR_DIR: path.join(server.home, 'monitor') };
  direct = await startClaudeSession({ settings: { hooks: { UserPromptSubmit: [{ hooks: HOOKS }] } }, files: FILES, env, home: server.home });
  forward = await startClaudeSession({
    settings: { hooks: { UserPromptSubmit: [{ hooks: [{ ...launcherHandler('UserPromptSubmit'), timeout: 30 }] }] } },
    files: { ...FILES, [EXECUTOR_CONFIG_PATH]: JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks: HOOKS }] } }) },
    env,
    home: server.home,
  });
});

afterAll(async () => {
  await direct?.close();
  await forward?.close();
  await server?.close();
});

const pause = () => new Promise((resolve) => setTimeout(resolve, 2500)); // the server starts interpreters between prompts

describe('run forwarded to serve, hooks in pre-started interpreters, in the real CLI', () => {
  test('the hooks see what Claude Code’s own cold starts see; an edited file is read at the event', async () => {
    for (const word of ['one', 'two']) {
      for (const session of [direct, forward]) {
        const turn = await session.prompt(`prompt ${word}`);
        const text = turn.request ? requestText(turn.request.body) : '';
        expect([`ctx-py ${word}`, `ctx-node ${word}`].filter((marker) => !text.includes(marker))).toEqual([]);
      }
      await pause();
    }
    writeData('second version');
    const three = await forward.prompt('prompt three');
    expect(three.request?.raw.includes('data: second version')).toBe(true);
    const stats = (await server.stats()) as { interpreters?: { taken: number } };
    expect(stats.interpreters?.taken).toBeGreaterThanOrEqual(8); // prompts two and three: every python and node hook pre-started

    for (const kind of ['py', 'node']) {
      const a = normalized(path.join(direct.projectDir, `self-${kind}-two.json`), direct.projectDir);
      const b = normalized(path.join(forward.projectDir, `self-${kind}-two.json`), forward.projectDir);
      expect(b).toEqual(a);
    }
  });

  test('an exit-2 block reads byte for byte as when Claude Code runs the hook itself', async () => {
    const [a, b] = [await direct.prompt('please block this'), await forward.prompt('please block this')];
    expect(a.result.result).toMatch(
      /^UserPromptSubmit operation blocked by hook:\n\[python3 \.claude\/hooks\/gate\.py\]: the gate says no to: please block this\n/,
    );
    expect(b.result.result).toBe(a.result.result);
    expect(b.request).toBeUndefined();
  });

  test('a pre-started hook killed at its timeout leaves no process behind', async () => {
    await pause();
    const turn = await forward.prompt('this one is slow');
    expect(turn.request).toBeDefined(); // the timed-out hook gives no decision; the prompt proceeds
    const [hook, child] = readFileSync(path.join(forward.projectDir, 'slow.pid'), 'utf8').split(' ').map(Number);
    for (let i = 0; i < 40 && (running(hook!) || running(child!)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(running(hook!)).toBe(false);
    expect(running(child!)).toBe(false);
  });
});

function writeData(text: string): void {
  // Written between two prompts, after the interpreters for the next one have started.
  writeFileSync(path.join(forward.projectDir, 'data.txt'), `${text}\n`);
}
