#!/usr/bin/env node
// The repo's front door: `npm test`, `npm run demo`, `npm run bench` (or the same
// through pnpm) work on a fresh machine with only Node 20. Each task first makes
// sure the workspace is installed from the committed lockfile and built, so the
// README can promise one command per job.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PNPM_VERSION = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

function say(message) {
  process.stderr.write(`\u203a ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function mustRun(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    say(`${[command, ...args].join(' ')} exited with ${status}`);
    process.exit(status);
  }
}

/** pnpm on PATH when it is the pinned version, otherwise the pinned one through npx. */
function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ['pnpm', []];
  return ['npx', ['-y', `pnpm@${PNPM_VERSION}`]];
}

function pnpm(args) {
  const [command, prefix] = pnpmCommand();
  mustRun(command, [...prefix, ...args]);
}

function setup() {
  say(`installing from the lockfile (pnpm ${PNPM_VERSION})`);
  pnpm(['install', '--frozen-lockfile']);
  say('building');
  pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', '--env-mode=loose']);
}

/**
 * hook-monitor's HTML report is checked in real headless Chromium (Debian's package). Where we
 * may install it (root with apt-get, as on CI and fresh Debian machines), do; elsewhere say what
 * the test needs — it fails with its own clear message rather than being skipped.
 */
function ensureChromium() {
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  if (found.status === 0) return;
  const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canApt) {
    say("Debian's chromium is not installed: the HTML report test will fail (apt-get install chromium)");
    return;
  }
  say("installing Debian's chromium for the HTML report test");
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env: aptEnv, stdio: ['ignore', 'ignore', 'inherit'] }) !== 0 ||
      run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: aptEnv, stdio: ['ignore', 'ignore', 'inherit'] }) !== 0) {
    say('could not install chromium; the HTML report test will fail');
  }
}

/**
 * The failed tests of one jest --json report, a line each with the first lines of the message: CI
 * keeps only the tail of the output, so a failure must be readable there, not only far above it.
 */
function failureLines(report) {
  const lines = [];
  for (const suite of report.testResults ?? []) {
    const file = path.relative(root, suite.name);
    const failed = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    if (failed.length === 0 && suite.status === 'failed') {
      lines.push(`FAIL ${file}: ${firstLines(suite.message)}`);
    }
    for (const test of failed) {
      lines.push(`FAIL ${file} › ${test.fullName}: ${firstLines((test.failureMessages ?? []).join('\n'))}`);
    }
  }
  return lines;
}

function firstLines(message = '') {
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  const kept = plain.split('\n').map((line) => line.trim()).filter(Boolean).slice(0, 6);
  return kept.join(' | ').slice(0, 900);
}

function summariseTests(resultsDir) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const files = existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith('.json')) : [];
  for (const file of files.sort()) {
    const report = JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    say(`${path.basename(file, '.json')}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
    for (const line of failureLines(report)) say(`  ${line}`);
  }
  return { passed, failed, skipped, files: files.length };
}

const task = process.argv[2];
switch (task) {
  case 'setup':
    setup();
    break;
  case 'test': {
    ensureChromium();
    setup();
    const resultsDir = path.join(root, '.test-results');
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });
    // Lint failures fail the run but do not stop it: the tests' counts are still worth seeing.
    say('linting (biome, line length)');
    const lintStatus = run(pnpmCommand()[0], [...pnpmCommand()[1], 'run', '--silent', 'lint']);
    say('type-checking');
    const typeStatus = run(pnpmCommand()[0], [...pnpmCommand()[1], 'exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only', '--env-mode=loose']);
    say('testing');
    const testStatus = run(pnpmCommand()[0], [...pnpmCommand()[1], 'exec', 'turbo', 'run', 'test', '--concurrency=1', '--continue', '--env-mode=loose']);
    const { passed, failed, skipped, files } = summariseTests(resultsDir);
    const extraFailures = (lintStatus !== 0 ? 1 : 0) + (typeStatus !== 0 ? 1 : 0) + (testStatus !== 0 && failed === 0 ? 1 : 0);
    if (lintStatus !== 0) say('lint failed (pnpm lint)');
    if (typeStatus !== 0) say('type-check failed');
    if (files === 0) say('no test results were written');
    console.log(`${passed} passed, ${failed + extraFailures} failed${skipped ? `, ${skipped} skipped` : ''}`);
    process.exitCode = extraFailures === 0 && testStatus === 0 && failed === 0 && passed > 0 ? 0 : 1;
    break;
  }
  case 'demo':
    setup();
    mustRun(process.execPath, ['apps/demo/dist/main.js', ...process.argv.slice(3)]);
    break;
  case 'bench':
    setup();
    mustRun(process.execPath, ['apps/bench/dist/main.js', ...process.argv.slice(3)]);
    break;
  default:
    say(`unknown task "${task}"; expected one of setup, test, demo, bench`);
    process.exit(2);
}
