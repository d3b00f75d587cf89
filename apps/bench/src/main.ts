// `pnpm bench`: every suite in src/suites/ runs, each beside its baselines in the same run,
// and one table is printed and written to BENCHMARKS.md with the machine it ran on.
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './suite.js';
import { formatMarkdown, formatTable } from './table.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1]?.split(',') : undefined;
  const noWrite = argv.includes('--no-write');
  return { quick, only, noWrite };
}

async function loadSuites(): Promise<BenchSuite[]> {
  const dir = path.join(here, 'suites');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { suite?: BenchSuite };
    if (mod.suite) suites.push(mod.suite);
  }
  return suites;
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const suites = (await loadSuites()).filter((s) => (args.only ? args.only.includes(s.name) : !args.quick || s.quick));
  const context = {
    quick: args.quick,
    reps: args.quick ? 1 : 7,
    log: (message: string) => process.stderr.write(`  ${message}\n`),
  };
  const rows: BenchRow[] = [];
  let crashed = 0;
  for (const suite of suites) {
    process.stderr.write(`› ${suite.name}\n`);
    const started = performance.now();
    try {
      rows.push(...(await suite.run(context)));
      process.stderr.write(`  ${suite.name} took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      crashed++;
      process.stderr.write(`  suite ${suite.name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    }
  }
  const table = formatTable(rows);
  process.stdout.write(`\n${table}\n\nmachine: ${machine()}\n`);
  if (!args.noWrite && !args.only) {
    const md = [
      '# Benchmarks',
      '',
      `Written by \`pnpm bench${args.quick ? ' --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}.`,
      `Machine: ${machine()}.`,
      '',
      'Every row is measured in the same run as its baselines (medians of several repetitions);',
      'ratios compare fanout with the named reference, and targets come from the design.',
      '',
      formatMarkdown(rows),
      '',
    ].join('\n');
    writeFileSync(path.join(repoRoot, args.quick ? 'BENCHMARKS.quick.md' : 'BENCHMARKS.md'), md);
  }
  const failed = rows.filter((r) => !r.pass).length;
  process.stderr.write(`\n${rows.length - failed} of ${rows.length} targets met${crashed ? `, ${crashed} suite(s) crashed` : ''}\n`);
  process.exitCode = crashed ? 1 : 0;
}

await main();
