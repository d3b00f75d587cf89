import { displayPath } from '../config/paths.js';
import { restoreBackup } from '../install/backup.js';
import { scopeFiles } from '../install/scope-files.js';
import { homeDir, note, outJson, projectDirOf, type CommonArgs } from './cli-io.js';

export interface UninstallArgs extends CommonArgs {
  readonly scope: string;
  readonly force?: boolean;
}

export async function uninstallCommand(args: UninstallArgs): Promise<number> {
  const projectDir = projectDirOf(args);
  const files = scopeFiles(args.scope, projectDir);
  const result = restoreBackup(files, Boolean(args.force));
  const show = (file: string) => displayPath(file, projectDir, homeDir());
  if (args.json) outJson(result);
  else {
    note(`restored ${show(result.settingsRestored)} and ${show(result.executorRestored)} as they were before install`);
    if (result.executorKeptAt) note(`your later edits to the executor's file are kept in ${show(result.executorKeptAt)}`);
  }
  return 0;
}
