import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath } from '../config/paths.js';
import { readFileOrUndefined, recordInstall, resolveLinks, sha256, writeAtomic } from '../install/backup.js';
import { planInstall } from '../install/plan-install.js';
import { scopeFiles } from '../install/scope-files.js';
import { unifiedDiff } from '../install/unified-diff.js';
import { homeDir, note, out, outJson, projectDirOf, type CommonArgs } from './cli-io.js';
import { httpSetup } from './install-http.js';
import { forwardUnavailable, launcherPath } from '../install/forward-mode.js';
import { TOKEN_ENV } from '../serve/serve-files.js';
import { HookExecutorError } from '../errors.js';

export interface InstallArgs extends CommonArgs {
  readonly scope: string;
  readonly dryRun?: boolean;
  readonly command?: string;
  readonly mode?: string;
  readonly gates?: string;
  readonly port?: number;
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `hook-executor` when that name on PATH is this very binary, else this binary's absolute path. */
export function defaultCommand(env: NodeJS.ProcessEnv = process.env): string {
  const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/hook-executor.js');
  let real = bin;
  try {
    real = fs.realpathSync(bin);
  } catch {
    // not built in place; fall through to the absolute path
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      if (fs.realpathSync(path.join(dir, 'hook-executor')) === real) return 'hook-executor';
    } catch {
      // not there
    }
  }
  return shellQuote(bin);
}

/** Why an install that changes nothing has nothing to do. */
function unchangedReason(settingsText: string | undefined, registered: number, settingsFile: string): string {
  if (settingsText === undefined) return `nothing to install: ${settingsFile} does not exist`;
  if (registered === 0) return `nothing to install: ${settingsFile} has no hooks hook-executor can run`;
  return `nothing to change: ${settingsFile} already runs its hooks through hook-executor`;
}

export async function installCommand(args: InstallArgs): Promise<number> {
  const projectDir = projectDirOf(args);
  const home = homeDir();
  const files = scopeFiles(args.scope, projectDir);
  const show = (file: string) => displayPath(file, projectDir, home);
  for (const file of [files.settings, files.executor, files.backup]) resolveLinks(file); // a broken link: refuse before writing
  const settingsText = readFileOrUndefined(files.settings)?.toString('utf8');
  const executorText = readFileOrUndefined(files.executor)?.toString('utf8');
  // auto: the fastest mode whose gates fail closed — forwarding to the warm server where the
  // launcher can run, else a `run` process per event. http stays an explicit choice (it fails open).
  const unavailable = args.mode === 'auto' || args.mode === 'forward' ? forwardUnavailable() : undefined;
  if (args.mode === 'forward' && unavailable) throw new HookExecutorError('USAGE', `--mode forward needs the bash launcher: ${unavailable}`);
  const mode = args.mode === 'auto' ? (unavailable ? 'command' : 'forward') : (args.mode ?? 'command');
  const http = mode === 'http' ? await httpSetup(args, files.scope, Boolean(args.dryRun)) : undefined;
  const plan = planInstall({
    ...(settingsText === undefined ? {} : { settingsText }),
    ...(executorText === undefined ? {} : { executorText }),
    settingsFile: show(files.settings),
    executorFile: show(files.executor),
    command: args.command ?? defaultCommand(),
    ...(http ? { http } : {}),
    ...(mode === 'forward' ? { forward: { launcher: launcherPath() } } : {}),
  });
  // No hook to run through the executor: nothing to register (not even `serve --ensure`).
  const changed = plan.registered.length > 0 && (plan.settingsChanged || plan.executorChanged);
  if (args.json) {
    outJson({ scope: files.scope, mode, dryRun: Boolean(args.dryRun), changed, moved: plan.moved, kept: plan.kept, registered: plan.registered });
  }
  if (args.dryRun) {
    const diff = !changed
      ? ''
      : (plan.settingsChanged ? unifiedDiff(settingsText, plan.settingsText, show(files.settings)) : '') +
        (plan.executorChanged ? unifiedDiff(executorText, plan.executorText, show(files.executor)) : '');
    if (!args.json) out(diff || 'nothing to change\n');
    note(`dry run: nothing written${changed ? '' : ` (${unchangedReason(settingsText, plan.registered.length, show(files.settings))})`}`);
    return 0;
  }
  if (!changed) {
    note(unchangedReason(settingsText, plan.registered.length, show(files.settings)));
    return 0;
  }
  // The backup first (the files as they are now), then the files themselves.
  recordInstall(files, { settings: sha256(plan.settingsText), executor: sha256(plan.executorText) });
  if (plan.executorChanged && plan.executorText !== undefined) writeAtomic(files.executor, plan.executorText);
  // http mode puts the server's token in the settings: 0600 from the first byte.
  if (plan.settingsChanged && plan.settingsText !== undefined) writeAtomic(files.settings, plan.settingsText, http ? { mode: 0o600 } : {});
  if (!args.json) {
    note(
      mode === 'forward'
        ? 'mode: forward — each event runs a bash launcher that hands it to the warm server (`serve --ensure` on SessionStart starts it) and runs ' +
          'the hooks itself when none answers, so gates fail closed'
        : mode === 'command'
          ? `mode: command — a \`run\` process per event${unavailable ? ` (forward is not available: ${unavailable})` : ''}`
          : 'mode: http',
    );
    if (plan.moved.length) note(`moved ${plan.moved.length} hook(s) into ${show(files.executor)}: ${plan.moved.map((m) => `${m.event}/${m.id}`).join(', ')}`);
    for (const r of plan.registered) {
      note(`registered hook-executor for ` +
        `${r.event}${r.matcher ? ` [${r.matcher}]` : ''}${r.type === 'http' ? ` as an http hook (${http?.port})` : ''}, timeout ${r.timeout} s`);
    }
    if (http) {
      note(`registered \`serve --ensure\` on SessionStart; the token is in ${show(files.settings)} (env.${TOKEN_ENV})`);
      note(
        'http hooks fail open when the server is down: gate events stay command hooks' +
          (http.gates === 'http' ? ' — except that --gates http was given' : ' (--gates http to serve them too)'),
      );
    }
    for (const k of plan.kept) note(`kept in ${show(files.settings)}: ${k.event} ${k.what} (${k.why})`);
    note(`backup: ${show(files.backup)}; undo with: hook-executor uninstall --scope ${files.scope}`);
  }
  return 0;
}
