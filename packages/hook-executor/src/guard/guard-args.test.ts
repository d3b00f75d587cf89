// `guard`'s arguments, parsed without yargs: each guard takes only its own flag.
import { describe, expect, test } from '@jest/globals';
import { GUARD_USAGE, parseGuardArgs } from './guard-args.js';

describe('parseGuardArgs', () => {
  test.each<[string[], object]>([
    [['sequential-agents'], { name: 'sequential-agents', block: false, every: 30 }],
    [['sequential-agents', '--block'], { name: 'sequential-agents', block: true, every: 30 }],
    [['parallel-reminder', '--every', '5'], { name: 'parallel-reminder', block: false, every: 5 }],
    [['parallel-reminder', '--every=0.5'], { name: 'parallel-reminder', block: false, every: 0.5 }],
    [['parallel-reminder', '--every='], { name: 'parallel-reminder', block: false, every: 0 }],
    [['hook-budget'], { name: 'hook-budget', block: false, every: 30 }],
  ])('%j → %j', (argv, args) => {
    expect(parseGuardArgs(argv)).toEqual(args);
  });

  test.each<[string[], string]>([
    [['nope'], `unknown guard "nope" (${GUARD_USAGE})`],
    [[], `unknown guard "" (${GUARD_USAGE})`],
    [['--block'], `unknown guard "--block" (${GUARD_USAGE})`],
    [['nope', '--x'], `unknown argument "--x" (${GUARD_USAGE})`],
    [['sequential-agents', '--every', '5'], `unknown argument "--every" (${GUARD_USAGE})`],
    [['sequential-agents', '--block=yes'], `unknown argument "--block=yes" (${GUARD_USAGE})`],
    [['sequential-agents', 'extra'], `unknown argument "extra" (${GUARD_USAGE})`],
    [['hook-budget', '--block'], `unknown argument "--block" (${GUARD_USAGE})`],
    [['parallel-reminder', '--every'], `--every must be a number of minutes (${GUARD_USAGE})`],
    [['parallel-reminder', '--every', 'x'], `--every must be a number of minutes (${GUARD_USAGE})`],
    [['parallel-reminder', '--every', '-1'], `--every must be a number of minutes (${GUARD_USAGE})`],
    [['parallel-reminder', '--block'], `unknown argument "--block" (${GUARD_USAGE})`],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseGuardArgs(argv)).toThrow(expect.objectContaining({ code: 'USAGE', message }));
  });
});
