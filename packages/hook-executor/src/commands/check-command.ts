import { describeGraph } from '../config/describe-graph.js';
import { handlerText } from '../config/describe-handler.js';
import { loadConfig } from '../config/load.js';
import { configLocations } from '../config/paths.js';
import type { HandlerConfig } from '../config/types.js';
import { readFileOrUndefined } from '../install/backup.js';
import { isRegistration } from '../install/plan-install.js';
import { SCOPES, scopeFiles } from '../install/scope-files.js';
import { homeDir, note, out, outJson, projectDirOf, type CommonArgs } from './cli-io.js';
import { startWay, startWayText } from './start-way.js';
import { BreakerRules, storeFacts } from '../breaker/check-rules.js';

function what(h: HandlerConfig): string {
  const text = handlerText(h);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Registered timeouts per event found in Claude Code's settings files. */
function registeredTimeouts(projectDir: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const scope of SCOPES) {
    const text = readFileOrUndefined(scopeFiles(scope, projectDir).settings)?.toString('utf8');
    if (!text) continue;
    try {
      const hooks = (JSON.parse(text) as { hooks?: Record<string, { hooks?: { command?: string; timeout?: number }[] }[]> }).hooks ?? {};
      for (const [event, groups] of Object.entries(hooks)) {
        for (const g of Array.isArray(groups) ? groups : []) {
          for (const h of g.hooks ?? []) if (isRegistration(h)) found.set(event, Math.max(found.get(event) ?? 0, h.timeout ?? 600));
        }
      }
    } catch {
      // a broken settings file is Claude Code's to report
    }
  }
  return found;
}

export async function checkCommand(args: CommonArgs): Promise<number> {
  const projectDir = projectDirOf(args);
  const locations = configLocations(projectDir, homeDir(), args.config);
  const config = loadConfig(locations); // throws a ConfigError naming file and path
  const graphs = describeGraph(config);
  const registered = args.config ? new Map<string, number>() : registeredTimeouts(projectDir);
  // How serve would start each hook, judged with this shell's environment (Claude Code's may differ).
  const startEnv = { ...process.env, CLAUDE_PROJECT_DIR: projectDir };
  const start = (h: HandlerConfig) => startWay(h, projectDir, startEnv);
  const warnings: string[] = [];
  const rules = new BreakerRules(config, projectDir, await storeFacts());
  for (const g of graphs) {
    warnings.push(...g.warnings.map((w) => `${g.event}: ${w}`));
    const timeout = registered.get(g.event);
    if (timeout !== undefined && timeout < g.worstCaseS) {
      warnings.push(`${g.event}: registered with timeout ${timeout} s, but the slowest chain may take ${g.worstCaseS} s (re-run install)`);
    }
  }
  warnings.push(...rules.warnings());
  if (args.json) {
    outJson({
      files: config.files,
      events: graphs.map((g) => ({
        event: g.event,
        waves: g.waves.map((w) =>
          w.map((h) => ({
            id: h.id,
            after: h.after,
            matcher: h.matcher,
            timeout: h.timeout,
            background: h.background,
            start: start(h),
            breaker: rules.rule(g.event, h),
          })),
        ),
        criticalPath: g.criticalPath,
        worstCaseS: g.worstCaseS,
      })),
      warnings,
    });
    return 0;
  }
  if (config.files.length === 0) {
    note(`no config found (looked for ${locations.map((l) => l.display).join(', ')})`);
    return 0;
  }
  const lines = [`ok: ${config.files.join(', ')}`];
  for (const g of graphs) {
    const count = g.waves.reduce((n, w) => n + w.length, 0);
    lines.push('', `${g.event}: ${count} hook(s) in ${g.waves.length} wave(s); critical path ${g.criticalPath.join(' → ')} (≤ ${g.worstCaseS} s by timeouts)`);
    g.waves.forEach((wave, i) => {
      for (const [k, h] of wave.entries()) {
        const tags = [
          h.matcher !== undefined ? `matcher ${JSON.stringify(h.matcher)}` : '',
          h.after.length ? `after ${h.after.join(', ')}` : '',
          h.background ? 'background' : '',
          h.timeout !== undefined ? `timeout ${h.timeout} s` : '',
          h.if !== undefined ? `if ${h.if}` : '',
          `under serve: ${startWayText(start(h))}`,
          rules.rule(g.event, h).tag,
        ].filter(Boolean);
        lines.push(`  ${k === 0 ? `wave ${i + 1}` : '      '}  ${h.id.padEnd(16)} ${what(h)}${tags.length ? `  (${tags.join('; ')})` : ''}`);
      }
    });
  }
  out(lines.join('\n'));
  for (const w of warnings) note(`warning: ${w}`);
  return 0;
}
